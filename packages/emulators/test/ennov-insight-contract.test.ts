import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO, ENNOV_INSIGHT_DEMO_MFA_USER as MFA, signInToEnnovInsightEmulator, startEnnovInsightEmulator } from "../src/index.js";
import type { EnnovInsightEmulator, EnnovInsightSignedInSession } from "../src/index.js";
import { loadSpec } from "./support/spec-schema.js";

/** Every answer the emulator gives must match specs/ennov-insight/openapi.yaml. */
const spec = loadSpec("ennov-insight");
let emulator: EnnovInsightEmulator;
let signedIn: EnnovInsightSignedInSession;

beforeAll(async () => {
  emulator = await startEnnovInsightEmulator({ applications: 3 });
  signedIn = await signInToEnnovInsightEmulator(emulator);
});
afterAll(() => emulator.close());

async function conforms(method: string, specPath: string, res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  const text = await res.text();
  const body = text === "" ? undefined : (JSON.parse(text) as unknown);
  expect(spec.checkResponse(method, specPath, status, body)).toEqual([]);
}

function tokenRequest(fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams({
    grant_type: "password",
    client_id: DEMO.clientId,
    client_secret: DEMO.clientSecret,
    scope: `${DEMO.clientId}/.default openid offline_access`,
    username: DEMO.username,
    password: DEMO.password,
    ...fields,
  });
  return fetch(`${emulator.loginUrl}/${DEMO.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

function post(path: string, body?: unknown, headers: Record<string, string> = signedIn.headers): Promise<Response> {
  return fetch(`${emulator.url}${path}`, { method: "POST", headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

describe("answers match the OpenAPI document", () => {
  it("the Entra ID token endpoint", async () => {
    const path = "/{tenantId}/oauth2/v2.0/token";
    await conforms("POST", path, await tokenRequest({}), 200);
    await conforms("POST", path, await tokenRequest({ password: "wrong" }), 400);
    await conforms("POST", path, await tokenRequest({ username: MFA.username, password: MFA.password }), 400);
    await conforms("POST", path, await tokenRequest({ client_secret: "wrong" }), 401);
  });

  it("the session endpoints", async () => {
    const start = await fetch(`${emulator.url}/insight/api/v2/token`);
    const { xAuthToken } = (await start.clone().json()) as { xAuthToken: string };
    const csrf = start.headers.get("x-csrf-token")!;
    await conforms("GET", "/insight/api/v2/token", start, 200);
    await conforms("GET", "/insight/api/v2/token", await fetch(`${emulator.url}/insight/api/v2/token?x=1`), 400);

    const login = "/insight/api/v2/login";
    const headers = { "Content-Type": "application/json", Cookie: `JSESSIONID=${xAuthToken}`, "X-CSRF-TOKEN": csrf };
    await conforms("POST", login, await post(login, { token_type: "Bearer" }, headers), 400);
    await conforms("POST", login, await post(login, { access_token: "x.y.z", token_type: "Bearer" }, headers), 401);
    await conforms("POST", login, await post(login, {}, { ...headers, "X-CSRF-TOKEN": "nope" }), 403);
    await conforms("POST", login, await post(login, {}, { ...headers, "Content-Type": "text/plain" }), 415);
    await conforms("POST", login, await post(login, { access_token: signedIn.accessToken, token_type: "Bearer" }, headers), 200);
  });

  it.each([
    ["application", { applicationNumber: "APP-1", applicationType: "NDA", productName: "Contractol", status: "Planned" }],
    ["event", { eventType: "Submission", status: "Planned" }],
    ["event-country", { countryCode: "FR", status: "Planned" }],
    ["license", { licenseNumber: "LIC-1", countryCode: "FR", status: "Active" }],
  ])("the %s operations", async (entity, fields) => {
    const base = `/insight/api/v2/${entity}`;
    const parent =
      entity === "event-country" ? { eventId: emulator.events[0]!.id } : entity === "application" ? {} : { applicationId: emulator.applications[0]!.id };
    await conforms("POST", `${base}/read`, await post(`${base}/read`, { queryFor: {} }), 200);
    await conforms("POST", `${base}/read`, await post(`${base}/read`, { queryFor: { nope: 1 } }), 400);
    await conforms("POST", `${base}/read`, await post(`${base}/read`, { queryFor: {} }, { Cookie: "JSESSIONID=0" }), 401);
    await conforms("POST", `${base}/read`, await post(`${base}/read`, { queryFor: {} }, { ...signedIn.headers, "X-CSRF-TOKEN": "x" }), 403);
    await conforms("POST", `${base}/read`, await post(`${base}/read`, "x", { ...signedIn.headers, "Content-Type": "text/plain" }), 415);

    const createResponse = await post(`${base}/create`, { ...parent, ...fields });
    const created = (await createResponse.clone().json()) as { id: number };
    await conforms("POST", `${base}/create`, createResponse, 200);
    await conforms("POST", `${base}/create`, await post(`${base}/create`, { ...parent, ...fields, status: "Nope" }), 400);
    await conforms("POST", `${base}/create-or-update`, await post(`${base}/create-or-update`, { id: created.id, status: fields.status }), 200);
    await conforms("POST", `${base}/create-or-update`, await post(`${base}/create-or-update`, { id: 1, status: fields.status }), 404);
    await conforms("POST", `${base}/{id}/read`, await post(`${base}/${created.id}/read`), 200);
    await conforms("POST", `${base}/{id}/read`, await post(`${base}/1/read`), 404);
    await conforms("POST", `${base}/{id}/delete`, await post(`${base}/${created.id}/delete`), 204);
    await conforms("POST", `${base}/{id}/delete`, await post(`${base}/${created.id}/delete`), 404);
  });

  it("a delete refused because the record is still referenced", async () => {
    const application = emulator.applications.find((a) => emulator.events.some((e) => e.applicationId === a.id))!;
    const path = "/insight/api/v2/application/{id}/delete";
    await conforms("POST", path, await post(`/insight/api/v2/application/${application.id}/delete`), 409);
  });
});
