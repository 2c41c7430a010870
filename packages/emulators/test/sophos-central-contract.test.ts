import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOPHOS_CENTRAL_DEMO_CREDENTIALS, startSophosCentralEmulator } from "../src/index.js";
import type { SophosCentralEmulator, SophosPrincipalType } from "../src/index.js";
import { loadSpec } from "./support/spec-schema.js";

/** Every answer the emulator gives must match specs/sophos-central/openapi.yaml. */
const spec = loadSpec("sophos-central");
let emulator: SophosCentralEmulator;
let region: string;

beforeAll(async () => {
  emulator = await startSophosCentralEmulator({ tenants: [{ region: "eu01", endpoints: 6 }, { region: null }], isolationPendingMs: 60_000 });
  region = emulator.regionUrls["eu01"]!;
});
afterAll(() => emulator.close());

function send(base: string, path: string, init: { kind?: SophosPrincipalType; method?: string; headers?: Record<string, string>; json?: unknown } = {}): Promise<Response> {
  const kind = init.kind ?? "tenant";
  const header = { tenant: "X-Tenant-ID", partner: "X-Partner-ID", organization: "X-Organization-ID" }[kind];
  const identity: Record<string, string> = { [header]: emulator.ids[kind] };
  const headers: Record<string, string> = { Authorization: `Bearer ${emulator.issueToken(kind)}`, ...identity, ...init.headers };
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${base}${path}`, { method: init.method ?? "GET", headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
}

async function conforms(method: string, specPath: string, res: Response, status: number): Promise<unknown> {
  expect(res.status).toBe(status);
  const text = await res.text();
  const body = text === "" ? undefined : (JSON.parse(text) as unknown);
  expect(spec.checkResponse(method, specPath, status, body)).toEqual([]);
  return body;
}

describe("answers match the OpenAPI document", () => {
  it("token", async () => {
    const token = (body: Record<string, string>) =>
      fetch(`${emulator.idUrl}/api/v2/oauth2/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body) });
    const good = { grant_type: "client_credentials", scope: "token", ...Object.fromEntries(Object.entries(SOPHOS_CENTRAL_DEMO_CREDENTIALS.partner).map(([k, v]) => [k === "clientId" ? "client_id" : "client_secret", v])) };
    const path = "/api/v2/oauth2/token";
    await conforms("POST", path, await token(good), 200);
    await conforms("POST", path, await token({ ...good, scope: "x" }), 400);
    await conforms("POST", path, await token({ ...good, client_secret: "nope" }), 401);
  });

  it("whoami and tenant lists", async () => {
    for (const kind of ["tenant", "partner", "organization"] as const) await conforms("GET", "/whoami/v1", await send(emulator.globalUrl, "/whoami/v1", { kind }), 200);
    await conforms("GET", "/whoami/v1", await fetch(`${emulator.globalUrl}/whoami/v1`), 401);
    const list = "/partner/v1/tenants";
    await conforms("GET", list, await send(emulator.globalUrl, `${list}?pageTotal=true`, { kind: "partner" }), 200);
    await conforms("GET", list, await send(emulator.globalUrl, `${list}?pageSize=0`, { kind: "partner" }), 400);
    await conforms("GET", list, await send(emulator.globalUrl, list, { kind: "partner", headers: { "X-Partner-ID": emulator.ids.tenant } }), 403);
    const one = "/partner/v1/tenants/{tenantId}";
    await conforms("GET", one, await send(emulator.globalUrl, `/partner/v1/tenants/${emulator.tenants[1]!.id}`, { kind: "partner" }), 200);
    await conforms("GET", one, await send(emulator.globalUrl, `/partner/v1/tenants/${emulator.foreignTenantId}`, { kind: "partner" }), 404);
    await conforms("GET", "/organization/v1/tenants", await send(emulator.globalUrl, "/organization/v1/tenants", { kind: "organization" }), 200);
    const orgOne = `/organization/v1/tenants/${emulator.tenants[0]!.id}`;
    await conforms("GET", "/organization/v1/tenants/{tenantId}", await send(emulator.globalUrl, orgOne, { kind: "organization" }), 200);
  });

  it("endpoints, scans and tamper protection", async () => {
    const list = "/endpoint/v1/endpoints";
    await conforms("GET", list, await send(region, `${list}?view=full&pageTotal=true&pageSize=2`), 200);
    await conforms("GET", list, await send(region, `${list}?healthStatus=awful`), 400);
    await conforms("GET", list, await send(region, list, { headers: { "X-Tenant-ID": emulator.foreignTenantId } }), 403);
    const [first, second] = emulator.endpoints(emulator.ids.tenant);
    const one = "/endpoint/v1/endpoints/{endpointId}";
    await conforms("GET", one, await send(region, `${list}/${first!.id}?view=full`), 200);
    await conforms("GET", one, await send(region, `${list}/${emulator.foreignTenantId}`), 404);
    const scans = "/endpoint/v1/endpoints/{endpointId}/scans";
    await conforms("POST", scans, await send(region, `${list}/${first!.id}/scans`, { method: "POST", json: {} }), 201);
    await conforms("POST", scans, await send(region, `${list}/${first!.id}/scans`, { method: "POST", json: { full: true } }), 400);
    const tamper = "/endpoint/v1/endpoints/{endpointId}/tamper-protection";
    await conforms("GET", tamper, await send(region, `${list}/${second!.id}/tamper-protection`), 200);
    const regenerated = (await conforms("POST", tamper, await send(region, `${list}/${second!.id}/tamper-protection`, { method: "POST", json: { regeneratePassword: true } }), 201)) as { previousPasswords: unknown[] };
    expect(regenerated.previousPasswords).toHaveLength(1);
    await conforms("POST", tamper, await send(region, `${list}/${second!.id}/tamper-protection`, { method: "POST", json: { enabled: "yes" } }), 400);
  });

  it("isolation", async () => {
    const [, , third, fourth] = emulator.endpoints(emulator.ids.tenant);
    const bulk = "/endpoint/v1/endpoints/isolation";
    const accepted = (await conforms("POST", bulk, await send(region, bulk, { method: "POST", json: { enabled: true, ids: [third!.id], comment: "suspicious" } }), 202)) as { items: Array<{ isolation: { enabled: boolean; lastEnabledBy: unknown } }> };
    expect(accepted.items[0]!.isolation).toMatchObject({ enabled: true, lastEnabledBy: { type: "service", accountType: "tenant", accountId: emulator.ids.tenant } });
    expect(emulator.endpoints(emulator.ids.tenant)[2]!.isolation.status).toBe("isolated");
    await conforms("POST", bulk, await send(region, bulk, { method: "POST", json: { enabled: false, ids: [third!.id] } }), 409);
    await conforms("POST", bulk, await send(region, bulk, { method: "POST", json: { enabled: true, ids: [emulator.foreignTenantId] } }), 404);
    const one = "/endpoint/v1/endpoints/{endpointId}/isolation";
    await conforms("GET", one, await send(region, `/endpoint/v1/endpoints/${third!.id}/isolation`), 200);
    await conforms("PATCH", one, await send(region, `/endpoint/v1/endpoints/${fourth!.id}/isolation`, { method: "PATCH", json: { enabled: true } }), 200);
    await conforms("PATCH", one, await send(region, `/endpoint/v1/endpoints/${fourth!.id}/isolation`, { method: "PATCH", json: { enabled: false } }), 409);
    await conforms("PATCH", one, await send(region, `/endpoint/v1/endpoints/${fourth!.id}/isolation`, { method: "PATCH", json: { enable: false } }), 400);
  });

  it("alerts", async () => {
    const list = "/common/v1/alerts";
    await conforms("GET", list, await send(region, `${list}?pageTotal=true&sort=raisedAt:desc`), 200);
    await conforms("GET", list, await send(region, `${list}?severity=urgent`), 400);
    const [alert] = emulator.alerts(emulator.ids.tenant);
    await conforms("GET", "/common/v1/alerts/{alertId}", await send(region, `${list}/${alert!.id}`), 200);
    await conforms("GET", "/common/v1/alerts/{alertId}", await send(region, `${list}/${emulator.foreignTenantId}`), 404);
    const actions = "/common/v1/alerts/{alertId}/actions";
    await conforms("POST", actions, await send(region, `${list}/${alert!.id}/actions`, { method: "POST", json: { action: "Acknowledge" } }), 400);
    await conforms("POST", actions, await send(region, `${list}/${alert!.id}/actions`, { method: "POST", json: { action: "acknowledge", message: "seen" } }), 201);
    expect(emulator.alerts(emulator.ids.tenant).map((a) => a.id)).not.toContain(alert!.id);
  });

  it("SIEM feeds, and an injected 429", async () => {
    await conforms("GET", "/siem/v1/events", await send(region, "/siem/v1/events?limit=1000"), 200);
    await conforms("GET", "/siem/v1/events", await send(region, "/siem/v1/events?from_date=1"), 400);
    await conforms("GET", "/siem/v1/alerts", await send(region, "/siem/v1/alerts"), 200);
    emulator.injectFault({ host: "eu01", path: "/siem/v1/alerts", status: 429, retryAfter: 1 });
    const limited = await send(region, "/siem/v1/alerts");
    expect(limited.headers.get("retry-after")).toBe("1");
    const body = (await conforms("GET", "/siem/v1/alerts", limited, 429)) as Record<string, string>;
    expect(body["error"]).toBe("Too Many Requests");
  });

  it("injected 502 and 503 carry the declared error body", async () => {
    for (const status of [502, 503]) {
      emulator.injectFault({ host: "eu01", path: "/endpoint/v1/endpoints", status });
      const body = (await conforms("GET", "/endpoint/v1/endpoints", await send(region, "/endpoint/v1/endpoints"), status)) as Record<string, string>;
      expect(body["error"]).toBe(status === 502 ? "Bad Gateway" : "Service Unavailable");
    }
  });
});
