import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPaloAltoSaasSecurityEmulator } from "../src/index.js";
import type { PaloAltoSaasSecurityEmulator } from "../src/index.js";
import { loadSpec } from "./support/spec-schema.js";
import { api, basicAuth, DEMO, FORM, getToken, postJson, tokenRequest } from "./support/paloalto.js";

/** Every answer the emulator gives must match specs/paloalto-saas-security/openapi.yaml. */
const spec = loadSpec("paloalto-saas-security");
let emulator: PaloAltoSaasSecurityEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startPaloAltoSaasSecurityEmulator({ incidents: 40, logEvents: 60, remediationPendingReads: 1 });
  token = await getToken(emulator);
});
afterAll(() => emulator.close());

async function conforms(method: string, specPath: string, res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  const text = await res.text();
  const body = text === "" ? undefined : (JSON.parse(text) as unknown);
  expect(spec.checkResponse(method, specPath, status, body)).toEqual([]);
}

describe("answers match the OpenAPI document", () => {
  it("POST /oauth/token", async () => {
    await conforms("POST", "/oauth/token", await tokenRequest(emulator), 200);
    const bad = { Authorization: basicAuth(DEMO.clientId, DEMO.clientSecret), "Content-Type": FORM };
    await conforms("POST", "/oauth/token", await tokenRequest(emulator, { headers: bad, body: "grant_type=password" }), 400);
    await conforms("POST", "/oauth/token", await tokenRequest(emulator, { headers: { "Content-Type": FORM } }), 401);
  });

  it("incidents and apps", async () => {
    const delta = "/incident/api/incidents/delta";
    await conforms("GET", delta, await api(emulator, token, `${delta}?limit=10&state=open,closed`), 200);
    await conforms("GET", delta, await api(emulator, token, `${delta}?limit=5`), 400);
    await conforms("GET", delta, await api(emulator, "nope", delta), 401);
    const narrow = await getToken(emulator, ["api_access"]);
    await conforms("GET", delta, await api(emulator, narrow, delta), 403);

    const one = "/incident/api/incidents/{id}";
    const id = emulator.incidents.find((i) => i.state === "closed")!.incident_id;
    await conforms("GET", one, await api(emulator, token, `/incident/api/incidents/${id}`), 200);
    await conforms("GET", one, await api(emulator, token, "/incident/api/incidents/1"), 404);
    await conforms("GET", one, await api(emulator, token, "/incident/api/incidents/x"), 400);

    const state = "/incident/api/incidents/{id}/state";
    const close = (target: number, body: unknown) => postJson(emulator, token, `/incident/api/incidents/${target}/state`, body);
    await conforms("POST", state, await close(id, { state: "closed", category: "no_reason" }), 200);
    await conforms("POST", state, await close(id, { state: "open", category: "no_reason" }), 400);
    await conforms("POST", state, await close(1, { state: "closed", category: "no_reason" }), 404);

    await conforms("GET", "/incident/api/apps", await api(emulator, token, "/incident/api/apps"), 200);
  });

  it("remediation", async () => {
    const path = "/remediation/api/assets";
    const asset = emulator.incidents[0]!.asset_id;
    await conforms("POST", path, await postJson(emulator, token, path, { asset_id: asset, remediation_type: "system_quarantine" }), 202);
    await conforms("POST", path, await postJson(emulator, token, path, { asset_id: asset }), 400);
    await conforms("POST", path, await postJson(emulator, token, path, { asset_id: "none", remediation_type: "system_quarantine" }), 404);
    for (const _ of [1, 2]) {
      await conforms("GET", path, await api(emulator, token, `${path}?asset_id=${asset}&remediation_type=system_quarantine`), 200);
    }
    await conforms("GET", path, await api(emulator, token, `${path}?asset_id=${asset}`), 400);
    await conforms("GET", path, await api(emulator, token, `${path}?asset_id=${asset}&remediation_type=system_restore`), 404);
  });

  it("log events, including every event kind", async () => {
    await conforms("GET", "/api/v1/log_events", await api(emulator, token, "/api/v1/log_events"), 200);
    await conforms("GET", "/api/v1/log_events_bulk", await api(emulator, token, "/api/v1/log_events_bulk?size=0"), 400);
    await conforms("GET", "/api/v1/log_events_bulk", await api(emulator, token, "/api/v1/log_events_bulk?size=100"), 200);
    await conforms("GET", "/api/v1/log_events_bulk", await api(emulator, token, "/api/v1/log_events_bulk"), 204);
    await conforms("GET", "/api/v1/log_events", await api(emulator, token, "/api/v1/log_events"), 204);
  });

  it("default bodies of injected faults", async () => {
    emulator.injectFault({ path: "/incident/api/apps", status: 429, retryAfter: 1 });
    await conforms("GET", "/incident/api/apps", await api(emulator, token, "/incident/api/apps"), 429);
    emulator.injectFault({ path: "/incident/api/apps", status: 500 });
    await conforms("GET", "/incident/api/apps", await api(emulator, token, "/incident/api/apps"), 500);
  });
});
