import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startPaloAltoSaasSecurityEmulator } from "../src/index.js";
import type { PaloAltoSaasSecurityEmulator } from "../src/index.js";
import { api, basicAuth, DEMO, FORM, getToken, tokenRequest } from "./support/paloalto.js";

let emulator: PaloAltoSaasSecurityEmulator;
const LIMITED = { clientId: "limited", clientSecret: "limited-secret-not-real", scopes: ["api_access"] as const, tenant: "other" };

beforeAll(async () => {
  emulator = await startPaloAltoSaasSecurityEmulator({ clients: [DEMO, LIMITED], incidents: 20, logEvents: 5 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("POST /oauth/token", () => {
  it("issues a bearer token for Basic client credentials and a form body", async () => {
    const res = await tokenRequest(emulator, {
      headers: { Authorization: basicAuth(DEMO.clientId, DEMO.clientSecret), "Content-Type": `${FORM}; charset=ISO-8859-1` },
      body: "grant_type=client_credentials&scope=api_access%20incident_api",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      token_type: "bearer",
      expires_in: 7199,
      scope: "api_access incident_api",
      tenant: DEMO.tenant,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(emulator.count("POST /oauth/token")).toBe(1);
    expect(emulator.requests[0]).toMatchObject({ method: "POST", path: "/oauth/token", route: "POST /oauth/token" });
  });

  it("accepts grant_type and scope in the query string, as the service does", async () => {
    const res = await tokenRequest(emulator, {
      headers: { Authorization: basicAuth(DEMO.clientId, DEMO.clientSecret) },
      query: "?grant_type=client_credentials&scope=incident_api",
      body: null,
    });
    expect(res.status).toBe(200);
  });

  it("leaves expires_in out when tokens never expire", async () => {
    const forever = await startPaloAltoSaasSecurityEmulator({ tokenTtlSeconds: null, incidents: 0, logEvents: 0 });
    try {
      const body = (await (await tokenRequest(forever)).json()) as Record<string, unknown>;
      expect(body).not.toHaveProperty("expires_in");
      expect(body["token_type"]).toBe("bearer");
    } finally {
      await forever.close();
    }
  });

  it.each([
    ["wrong secret", { Authorization: basicAuth(DEMO.clientId, "wrong"), "Content-Type": FORM }, "Invalid credentials"],
    ["unknown client", { Authorization: basicAuth("nobody", DEMO.clientSecret), "Content-Type": FORM }, "Invalid credentials"],
    ["no Authorization", { "Content-Type": FORM }, "Client authentication required"],
    ["Bearer instead of Basic", { Authorization: "Bearer abc", "Content-Type": FORM }, "HTTP Basic"],
    ["Basic: with a colon", { Authorization: `Basic: ${Buffer.from("a:b").toString("base64")}`, "Content-Type": FORM }, "Malformed Basic"],
  ])("answers 401 unauthorized with the documented resolution for %s", async (_name, headers, description) => {
    const res = await tokenRequest(emulator, { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="oauth"');
    const body = (await res.json()) as Record<string, string>;
    expect(body.error).toBe("unauthorized");
    expect(body.resolution).toBe("Please submit valid credentials.");
    expect(body.error_description).toContain(description);
  });

  it("refuses client credentials in the body instead of Basic", async () => {
    const res = await tokenRequest(emulator, {
      headers: { "Content-Type": FORM },
      body: `grant_type=client_credentials&scope=api_access&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`,
    });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: "unauthorized" });
    expect(text).not.toContain(DEMO.clientSecret);
  });

  it.each([
    ["a JSON body", "application/json", JSON.stringify({ grant_type: "client_credentials", scope: "api_access" }), "invalid_request"],
    ["no grant_type", FORM, "scope=api_access", "invalid_request"],
    ["another grant", FORM, "grant_type=password&scope=api_access", "unsupported_grant_type"],
    ["no scope (our choice)", FORM, "grant_type=client_credentials", "invalid_request"],
    ["an unknown scope", FORM, "grant_type=client_credentials&scope=log_access", "invalid_scope"],
    ["double spaces in scope", FORM, "grant_type=client_credentials&scope=api_access++incident_api", "invalid_scope"],
    ["a repeated parameter", FORM, "grant_type=client_credentials&grant_type=client_credentials&scope=api_access", "invalid_request"],
    ["client_secret as well as Basic", FORM, "grant_type=client_credentials&scope=api_access&client_secret=x", "invalid_request"],
    ["a malformed escape", FORM, "grant_type=client_credentials&scope=api%zzaccess", "invalid_request"],
  ])("answers 400 for %s", async (_name, contentType, body, error) => {
    const res = await tokenRequest(emulator, {
      headers: { Authorization: basicAuth(DEMO.clientId, DEMO.clientSecret), "Content-Type": contentType },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, string>).error).toBe(error);
  });

  it("refuses a scope the client was not granted", async () => {
    const res = await tokenRequest(emulator, {
      headers: { Authorization: basicAuth(LIMITED.clientId, LIMITED.clientSecret), "Content-Type": FORM },
      body: "grant_type=client_credentials&scope=api_access incident_api",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid_scope", error_description: "Invalid scope: incident_api" });
  });

  it("answers 405 to GET", async () => {
    const res = await fetch(`${emulator.url}/oauth/token`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("bearer enforcement on API routes", () => {
  it.each([
    ["no Authorization", undefined],
    ["Bearer: with a colon", "Bearer: TOKEN"],
    ["lower-case but two spaces", "bearer  TOKEN"],
    ["Basic credentials", basicAuth(DEMO.clientId, DEMO.clientSecret)],
    ["an unknown token", "Bearer not-a-token"],
  ])("answers 401 invalid_token for %s", async (_name, header) => {
    const token = await getToken(emulator);
    const headers: Record<string, string> = header ? { Authorization: header.replace("TOKEN", token) } : {};
    const res = await fetch(`${emulator.url}/incident/api/apps`, { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: "invalid_token" });
    expect(text).not.toContain(token);
  });

  it("answers 401 for an expired or revoked token, and a new token works", async () => {
    const token = await getToken(emulator);
    expect((await api(emulator, token, "/incident/api/apps")).status).toBe(200);
    emulator.expireTokens();
    const expired = await api(emulator, token, "/incident/api/apps");
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: "invalid_token", error_description: "Access token expired" });
    const fresh = await getToken(emulator);
    expect((await api(emulator, fresh, "/incident/api/apps")).status).toBe(200);
    expect(emulator.revokeToken(fresh)).toBe(true);
    expect((await api(emulator, fresh, "/incident/api/apps")).status).toBe(401);
  });

  it("expires tokens after tokenTtlSeconds", async () => {
    const short = await startPaloAltoSaasSecurityEmulator({ tokenTtlSeconds: 0, incidents: 0, logEvents: 0 });
    try {
      const token = await getToken(short);
      expect((await api(short, token, "/incident/api/apps")).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it("answers 403 insufficient_scope when the token lacks the operation's scope", async () => {
    const token = await getToken(emulator, ["api_access"]);
    const res = await api(emulator, token, "/incident/api/apps");
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toContain('scope="incident_api"');
    expect(await res.json()).toMatchObject({ status: 403, error: "insufficient_scope", path: "/incident/api/apps" });
  });

  it("answers 404 for unknown paths", async () => {
    const res = await fetch(`${emulator.url}/incident/api/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, error: "Not Found", path: "/incident/api/nothing" });
  });
});
