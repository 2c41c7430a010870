import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO, signInToEnnovInsightEmulator, startEnnovInsightEmulator } from "../src/index.js";
import type { EnnovInsightEmulator } from "../src/index.js";

let emulator: EnnovInsightEmulator;

beforeAll(async () => {
  emulator = await startEnnovInsightEmulator({ applications: 2 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function azureToken(target: EnnovInsightEmulator = emulator): Promise<string> {
  const res = await fetch(`${target.loginUrl}/${DEMO.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      client_id: DEMO.clientId,
      client_secret: DEMO.clientSecret,
      scope: `${DEMO.clientId}/.default openid`,
      username: DEMO.username,
      password: DEMO.password,
    }).toString(),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function startSession(target: EnnovInsightEmulator = emulator): Promise<{ id: string; csrf: string; res: Response }> {
  const res = await fetch(`${target.url}/insight/api/v2/token`);
  const body = (await res.json()) as { xAuthToken?: string; token?: string };
  return { id: body.xAuthToken ?? body.token ?? "", csrf: res.headers.get("x-csrf-token") ?? "", res };
}

function login(id: string | null, csrf: string | null, body: unknown, target: EnnovInsightEmulator = emulator): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (id !== null) headers["Cookie"] = `JSESSIONID=${id}`;
  if (csrf !== null) headers["X-CSRF-TOKEN"] = csrf;
  return fetch(`${target.url}/insight/api/v2/login`, { method: "POST", headers, body: JSON.stringify(body) });
}

function readEvents(headers: Record<string, string>, query = "", target: EnnovInsightEmulator = emulator): Promise<Response> {
  return fetch(`${target.url}/insight/api/v2/event/read${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ queryFor: {} }),
  });
}

describe("the handshake, by hand", () => {
  it("Entra ID token → GET token → POST login → entity call with the new session and CSRF token", async () => {
    const accessToken = await azureToken();

    const started = await startSession();
    expect(started.res.status).toBe(200);
    expect(started.id).toMatch(/^[0-9A-F]{32}$/);
    expect(started.res.headers.get("x-csrf-header")).toBe("X-CSRF-TOKEN");
    expect(started.res.headers.get("x-csrf-param")).toBe("_csrf");
    expect(started.csrf).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const loggedIn = await login(started.id, started.csrf, { access_token: accessToken, token_type: "Bearer" });
    expect(loggedIn.status).toBe(200);
    const newId = /^JSESSIONID=([0-9A-F]{32}); Path=\/insight; HttpOnly$/.exec(loggedIn.headers.get("set-cookie") ?? "")?.[1];
    const newCsrf = loggedIn.headers.get("x-csrf-token");
    expect(newId).toBeDefined();
    expect(newId).not.toBe(started.id);
    expect(newCsrf).not.toBe(started.csrf);
    expect(await loggedIn.json()).toEqual({ xAuthToken: newId });

    const res = await readEvents({ Cookie: `JSESSIONID=${newId}`, "X-CSRF-TOKEN": newCsrf! });
    expect(res.status).toBe(200);
    expect(res.headers.get("authorization")).toBeNull();
    expect(emulator.count("POST /{tenantId}/oauth2/v2.0/token")).toBe(1);
    expect(emulator.count("GET /insight/api/v2/token")).toBe(1);
    expect(emulator.count("POST /insight/api/v2/login")).toBe(1);
    expect(emulator.sessionCounts).toEqual({ anonymous: 0, authenticated: 1 });
  });

  it("rejects the pre-login CSRF token and session id after login", async () => {
    const accessToken = await azureToken();
    const started = await startSession();
    const loggedIn = await login(started.id, started.csrf, { access_token: accessToken, token_type: "Bearer" });
    const newId = /JSESSIONID=([0-9A-F]{32})/.exec(loggedIn.headers.get("set-cookie") ?? "")![1]!;
    const newCsrf = loggedIn.headers.get("x-csrf-token")!;

    const oldCsrf = await readEvents({ Cookie: `JSESSIONID=${newId}`, "X-CSRF-TOKEN": started.csrf });
    expect(oldCsrf.status).toBe(403);
    const text = await oldCsrf.text();
    expect(JSON.parse(text)).toMatchObject({ status: 403, error: "Forbidden", path: "/insight/api/v2/event/read" });
    expect(text).not.toContain(started.csrf);
    expect(text).not.toContain(newId);

    expect((await readEvents({ Cookie: `JSESSIONID=${newId}` })).status).toBe(403);
    expect((await readEvents({ Cookie: `JSESSIONID=${started.id}`, "X-CSRF-TOKEN": newCsrf })).status).toBe(401);
  });

  it("accepts the CSRF token as the _csrf parameter instead of the header", async () => {
    const signedIn = await signInToEnnovInsightEmulator(emulator);
    const res = await readEvents({ Cookie: `JSESSIONID=${signedIn.session}` }, `?_csrf=${signedIn.csrf}`);
    expect(res.status).toBe(200);
    const wrong = await readEvents({ Cookie: `JSESSIONID=${signedIn.session}` }, "?_csrf=00000000-0000-4000-8000-000000000000");
    expect(wrong.status).toBe(403);
  });

  it("keeps the xAuthToken as the session id when Set-Cookie is off, and answers {token} when legacy", async () => {
    const legacy = await startEnnovInsightEmulator({ applications: 1, sendSetCookie: false, legacyTokenField: true });
    try {
      const accessToken = await azureToken(legacy);
      const started = await startSession(legacy);
      expect(started.id).toMatch(/^[0-9A-F]{32}$/);
      expect(started.res.headers.get("set-cookie")).toBeNull();
      const loggedIn = await login(started.id, started.csrf, { access_token: accessToken, token_type: "Bearer" }, legacy);
      expect(loggedIn.status).toBe(200);
      expect(loggedIn.headers.get("set-cookie")).toBeNull();
      expect(await loggedIn.json()).toEqual({ token: started.id });
      const csrf = loggedIn.headers.get("x-csrf-token")!;
      expect((await readEvents({ Cookie: `JSESSIONID=${started.id}`, "X-CSRF-TOKEN": csrf }, "", legacy)).status).toBe(200);
      expect((await readEvents({ Cookie: `JSESSIONID=${started.id}`, "X-CSRF-TOKEN": started.csrf }, "", legacy)).status).toBe(403);

      const helper = await signInToEnnovInsightEmulator(legacy);
      expect((await readEvents({ Cookie: `JSESSIONID=${helper.session}`, "X-CSRF-TOKEN": helper.csrf }, "", legacy)).status).toBe(200);
    } finally {
      await legacy.close();
    }
  });
});

describe("login refusals", () => {
  it("needs the pre-login session cookie and its CSRF token (403)", async () => {
    const accessToken = await azureToken();
    const started = await startSession();
    const body = { access_token: accessToken, token_type: "Bearer" };
    expect((await login(null, started.csrf, body)).status).toBe(403);
    expect((await login("0123456789ABCDEF0123456789ABCDEF", started.csrf, body)).status).toBe(403);
    expect((await login(started.id, null, body)).status).toBe(403);
    expect((await login(started.id, "00000000-0000-4000-8000-000000000000", body)).status).toBe(403);
    expect((await login(started.id, started.csrf, body)).status).toBe(200);
  });

  it("checks the body: JSON only, token_type Bearer, an access token this Entra ID issued for InSight", async () => {
    const started = await startSession();
    const headers = { Cookie: `JSESSIONID=${started.id}`, "X-CSRF-TOKEN": started.csrf };
    const accessToken = await azureToken();
    const formBody = await fetch(`${emulator.url}/insight/api/v2/login`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: `access_token=${accessToken}&token_type=Bearer`,
    });
    expect(formBody.status).toBe(415);
    expect((await login(started.id, started.csrf, { access_token: accessToken, token_type: "Bearer:" })).status).toBe(400);
    expect((await login(started.id, started.csrf, { token_type: "Bearer" })).status).toBe(400);
    const forged = await login(started.id, started.csrf, { access_token: "eyJhbGciOiJub25lIn0.e30.x", token_type: "Bearer" });
    expect(forged.status).toBe(401);

    emulator.expireTokens();
    const expired = await login(started.id, started.csrf, { access_token: accessToken, token_type: "Bearer" });
    expect(expired.status).toBe(401);
    const text = await expired.text();
    expect(JSON.parse(text)).toMatchObject({ status: 401, error: "Unauthorized", message: expect.stringContaining("expired") });
    expect(text).not.toContain(accessToken);
  });

  it("refuses a token issued for another app registration", async () => {
    const other = { clientId: "abcdef01-0000-4000-8000-000000000002", clientSecret: "other-app-secret-not-real" };
    const two = await startEnnovInsightEmulator({ applications: 0, apps: [{ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret }, other] });
    try {
      const credentials = { ...DEMO, ...other };
      await expect(signInToEnnovInsightEmulator(two, credentials)).rejects.toThrow(/login failed: 401/);
      await expect(signInToEnnovInsightEmulator(two)).resolves.toHaveProperty("csrf");
    } finally {
      await two.close();
    }
  });
});

describe("session lifetime", () => {
  it("answers 401 once the session expired, and a fresh sign-in works again", async () => {
    const short = await startEnnovInsightEmulator({ applications: 1, sessionTtlMs: 60 });
    try {
      const signedIn = await signInToEnnovInsightEmulator(short);
      expect((await readEvents(signedIn.headers, "", short)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 90));
      const expired = await readEvents(signedIn.headers, "", short);
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ status: 401, message: expect.stringContaining("Session expired") });
      const again = await signInToEnnovInsightEmulator(short);
      expect((await readEvents(again.headers, "", short)).status).toBe(200);
    } finally {
      await short.close();
    }
  });

  it("expireSessions() ends every session; a pre-login session cannot call the API", async () => {
    const signedIn = await signInToEnnovInsightEmulator(emulator);
    emulator.expireSessions();
    expect((await readEvents(signedIn.headers)).status).toBe(401);
    expect(emulator.sessionCounts).toEqual({ anonymous: 0, authenticated: 0 });

    const started = await startSession();
    expect((await readEvents({ Cookie: `JSESSIONID=${started.id}`, "X-CSRF-TOKEN": started.csrf })).status).toBe(401);
    expect((await readEvents({ "X-CSRF-TOKEN": started.csrf })).status).toBe(401);
  });
});
