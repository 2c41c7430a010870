import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO, ENNOV_INSIGHT_DEMO_MFA_USER as MFA, startEnnovInsightEmulator } from "../src/index.js";
import type { EnnovInsightEmulator } from "../src/index.js";

const FORM = "application/x-www-form-urlencoded";
const TOKEN_ROUTE = "POST /{tenantId}/oauth2/v2.0/token";
let emulator: EnnovInsightEmulator;

beforeAll(async () => {
  emulator = await startEnnovInsightEmulator({ applications: 1 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function form(overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    grant_type: "password",
    client_id: DEMO.clientId,
    client_secret: DEMO.clientSecret,
    scope: `${DEMO.clientId}/.default openid`,
    username: DEMO.username,
    password: DEMO.password,
    ...overrides,
  };
  return new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null)).toString();
}

function token(body: string, init: { tenant?: string; contentType?: string; method?: string } = {}): Promise<Response> {
  return fetch(`${emulator.loginUrl}/${init.tenant ?? DEMO.tenantId}/oauth2/v2.0/token`, {
    method: init.method ?? "POST",
    headers: { "Content-Type": init.contentType ?? FORM },
    ...(init.method === "GET" ? {} : { body }),
  });
}

/** Status, parsed body and raw text of a refusal; the raw text is what must never hold a secret. */
async function refusal(res: Response): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

describe("Entra ID token endpoint (password grant)", () => {
  it("issues a bearer token with Microsoft's success body", async () => {
    const res = await token(form());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store, no-cache");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      token_type: "Bearer",
      scope: `${DEMO.clientId}/user_impersonation openid`,
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      id_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    const claims = JSON.parse(Buffer.from(String(body["access_token"]).split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: DEMO.clientId, tid: DEMO.tenantId, upn: DEMO.username });
    expect(emulator.count(TOKEN_ROUTE)).toBe(1);
  });

  it("adds a refresh token for offline_access, accepts any scope order and a case-insensitive user name", async () => {
    const res = await token(form({ scope: `openid offline_access ${DEMO.clientId}/.default`, username: DEMO.username.toUpperCase() }));
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty("refresh_token");
  });

  it("answers AADSTS50126 for a wrong password without echoing the password", async () => {
    const wrong = "Wrong-Password-123!";
    const { status, body, text } = await refusal(await token(form({ password: wrong })));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [50126] });
    expect(String(body["error_description"])).toMatch(/^AADSTS50126: Error validating credentials due to invalid username or password\.\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(body).toMatchObject({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
      error_uri: "https://login.microsoftonline.com/error?code=50126",
    });
    for (const secret of [wrong, DEMO.password, DEMO.clientSecret, encodeURIComponent(wrong)]) expect(text).not.toContain(secret);
  });

  it("refuses an MFA user with AADSTS50076 even with the right password", async () => {
    const { status, body, text } = await refusal(await token(form({ username: MFA.username, password: MFA.password })));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [50076], suberror: "basic_action" });
    expect(String(body["error_description"])).toMatch(/^AADSTS50076: .*multi-factor authentication/);
    expect(JSON.parse(String(body["claims"]))).toHaveProperty("access_token");
    expect(text).not.toContain(MFA.password);
  });

  it("can answer interaction_required for MFA", async () => {
    const other = await startEnnovInsightEmulator({ applications: 0, mfaError: "interaction_required" });
    try {
      const res = await fetch(`${other.loginUrl}/${DEMO.tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "Content-Type": FORM },
        body: form({ username: MFA.username, password: MFA.password }),
      });
      expect(await res.json()).toMatchObject({ error: "interaction_required", error_codes: [50076] });
    } finally {
      await other.close();
    }
  });

  it.each([
    ["a wrong client secret", { client_secret: "not-the-secret" }, 401, "invalid_client", 7000215],
    ["no client secret", { client_secret: null }, 401, "invalid_client", 7000218],
    ["an unknown app", { client_id: "99999999-9999-4999-8999-999999999999" }, 400, "unauthorized_client", 700016],
    ["an unknown user", { username: "nobody@secfetch-demo.example" }, 400, "invalid_grant", 50034],
    ["a scope without .default", { scope: "openid profile" }, 400, "invalid_scope", 70011],
    ["a scope with an API permission", { scope: `${DEMO.clientId}/.default User.Read` }, 400, "invalid_scope", 70011],
    ["a scope with a double space", { scope: `${DEMO.clientId}/.default  openid` }, 400, "invalid_scope", 70011],
    ["a resource not in the tenant", { scope: "11111111-1111-4111-8111-111111111111/.default openid" }, 400, "invalid_resource", 500011],
    ["another grant type", { grant_type: "client_credentials" }, 400, "unsupported_grant_type", 70003],
    ["no grant type", { grant_type: null }, 400, "invalid_request", 900144],
    ["no scope", { scope: null }, 400, "invalid_request", 900144],
    ["no password", { password: null }, 400, "invalid_request", 900144],
  ])("refuses %s", async (_name, overrides, status, error, code) => {
    const { status: got, body, text } = await refusal(await token(form(overrides)));
    expect({ status: got, error: body["error"], codes: body["error_codes"] }).toEqual({ status, error, codes: [code] });
    expect(String(body["error_description"])).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(text).not.toContain(DEMO.clientSecret);
    expect(text).not.toContain(DEMO.password);
  });

  it("refuses an unknown tenant with AADSTS90002 and /common with AADSTS9001023", async () => {
    const unknown = await refusal(await token(form(), { tenant: "22222222-2222-4222-8222-222222222222" }));
    expect(unknown).toMatchObject({ status: 400, body: { error: "invalid_request", error_codes: [90002] } });
    const common = await refusal(await token(form(), { tenant: "common" }));
    expect(common).toMatchObject({ status: 400, body: { error: "invalid_request", error_codes: [9001023] } });
  });

  it("reads only a form body: JSON reads as no parameters", async () => {
    const json = JSON.stringify(Object.fromEntries(new URLSearchParams(form())));
    const { status, body } = await refusal(await token(json, { contentType: "application/json" }));
    expect(status).toBe(400);
    expect(body["error_codes"]).toEqual([900144]);
    expect(String(body["error_description"])).toContain("'grant_type'");
  });

  it("refuses a duplicated parameter and a GET", async () => {
    const duplicated = await refusal(await token(`${form()}&scope=openid`));
    expect(duplicated).toMatchObject({ status: 400, body: { error_codes: [9000411] } });
    const get = await refusal(await token("", { method: "GET" }));
    expect(get).toMatchObject({ status: 400, body: { error: "invalid_request", error_codes: [900561] } });
  });

  it("counts every token request and answers other paths with 404", async () => {
    await token(form({ password: "nope" }));
    await token(form());
    expect(emulator.count(TOKEN_ROUTE)).toBe(2);
    expect((await fetch(`${emulator.loginUrl}/${DEMO.tenantId}/oauth2/token`, { method: "POST" })).status).toBe(404);
  });

  it("serves an injected 503 in Microsoft's error shape", async () => {
    emulator.injectFault({ path: `/${DEMO.tenantId}/oauth2/v2.0/token`, status: 503, retryAfter: 1 });
    const res = await token(form());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toMatchObject({ error: "temporarily_unavailable", error_codes: [90024] });
    expect((await token(form())).status).toBe(200);
  });
});
