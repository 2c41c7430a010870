import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SOPHOS_CENTRAL_DEMO_CREDENTIALS, startSophosCentralEmulator } from "../src/index.js";
import type { SophosCentralEmulator } from "../src/index.js";

const FORM = "application/x-www-form-urlencoded";
const TENANT = SOPHOS_CENTRAL_DEMO_CREDENTIALS.tenant;
let emulator: SophosCentralEmulator;

beforeAll(async () => {
  emulator = await startSophosCentralEmulator({ tenants: [{ region: "eu01", endpoints: 1, alerts: 0, siemEvents: 0, siemAlerts: 0 }] });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function tokenRequest(body: string, headers: Record<string, string> = { "Content-Type": FORM }, query = ""): Promise<Response> {
  return fetch(`${emulator.idUrl}/api/v2/oauth2/token${query}`, { method: "POST", headers, body });
}

const GOOD = { grant_type: "client_credentials", client_id: TENANT.clientId, client_secret: TENANT.clientSecret, scope: "token" };

describe("POST /api/v2/oauth2/token (identity host)", () => {
  it("issues a bearer token for client credentials in a form body", async () => {
    const res = await tokenRequest(form(GOOD));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      token_type: "bearer",
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^[0-9a-f]{48}$/),
      errorCode: "success",
      message: "OK",
      trackingId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(emulator.count("POST /api/v2/oauth2/token")).toBe(1);
    expect(emulator.count("POST /api/v2/oauth2/token", "id")).toBe(1);
    expect(emulator.requestsTo("global")).toHaveLength(0);
  });

  it("answers 401 oauth.invalid_client_secret for a wrong secret, without echoing it", async () => {
    const res = await tokenRequest(form({ ...GOOD, client_secret: "wrong-secret-value" }));
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ errorCode: "oauth.invalid_client_secret", message: "Unauthorized", trackingId: expect.any(String) });
    expect(text).not.toContain("wrong-secret-value");
  });

  it("answers 401 oauth.client_app_does_not_exist for an unknown client", async () => {
    const res = await tokenRequest(form({ ...GOOD, client_id: "nobody" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: "oauth.client_app_does_not_exist" });
  });

  it.each([
    ["a JSON body", JSON.stringify(GOOD), { "Content-Type": "application/json" }, "Content-Type"],
    ["HTTP Basic client authentication", form({ grant_type: "client_credentials", scope: "token" }),
      { "Content-Type": FORM, Authorization: `Basic ${Buffer.from(`${TENANT.clientId}:${TENANT.clientSecret}`).toString("base64")}` }, "Basic"],
    ["a missing scope", form({ ...GOOD, scope: "" }), { "Content-Type": FORM }, "scope"],
    ["a repeated parameter", `${form(GOOD)}&scope=token`, { "Content-Type": FORM }, "more than once"],
  ])("refuses %s with 400 oauth.invalid_request", async (_name, body, headers, message) => {
    const res = await tokenRequest(body, headers);
    expect(res.status).toBe(400);
    const json = (await res.json()) as Record<string, string>;
    expect(json["errorCode"]).toBe("oauth.invalid_request");
    expect(json["message"]).toContain(message);
  });

  it("refuses another grant type or scope", async () => {
    const grant = await tokenRequest(form({ ...GOOD, grant_type: "password" }));
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ errorCode: "oauth.unsupported_grant_type" });
    const scope = await tokenRequest(form({ ...GOOD, scope: "openid" }));
    expect(await scope.json()).toMatchObject({ errorCode: "oauth.invalid_scope" });
  });

  it("refuses parameters in the query string", async () => {
    const res = await tokenRequest("", { "Content-Type": FORM }, `?${form(GOOD)}`);
    expect(res.status).toBe(400);
  });

  it("serves the token only on the identity host", async () => {
    const res = await fetch(`${emulator.globalUrl}/api/v2/oauth2/token`, { method: "POST", headers: { "Content-Type": FORM }, body: form(GOOD) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "Not Found" });
  });
});

describe("token lifetime", () => {
  it("honours tokenTtlSeconds and expireTokens()", async () => {
    const short = await startSophosCentralEmulator({ tokenTtlSeconds: 5, tenants: [{ region: "eu01", endpoints: 0 }] });
    try {
      const res = await fetch(`${short.idUrl}/api/v2/oauth2/token`, { method: "POST", headers: { "Content-Type": FORM }, body: form(GOOD) });
      const { access_token, expires_in } = (await res.json()) as { access_token: string; expires_in: number };
      expect(expires_in).toBe(5);
      const whoami = () => fetch(`${short.globalUrl}/whoami/v1`, { headers: { Authorization: `Bearer ${access_token}` } });
      expect((await whoami()).status).toBe(200);
      short.expireTokens();
      const expired = await whoami();
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ error: "Unauthorized", message: "Access token expired" });
    } finally {
      await short.close();
    }
  });

  it("serves an injected 429 with Retry-After in the token error shape", async () => {
    emulator.injectFault({ host: "id", status: 429, retryAfter: 2 });
    const res = await tokenRequest(form(GOOD));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toMatchObject({ errorCode: "oauth.too_many_requests" });
    expect((await tokenRequest(form(GOOD))).status).toBe(200);
  });
});
