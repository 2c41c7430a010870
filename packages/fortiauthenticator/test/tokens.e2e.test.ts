import { describe, expect, it } from "vitest";
import { AuthenticationError, createFortiAuthenticatorClient, type SecfetchEvent } from "../src/index.js";
import { DEMO, lifecycle, mintRefreshToken, recordingStore, startEmulator, TOKEN_ROUTE, tokenBodies } from "./support.js";

describe("rotating refresh tokens", () => {
  it("keeps the rotated token in the shared store; the original one is refused, the client goes on", async () => {
    const server = await startEmulator();
    const original = await mintRefreshToken(server);
    const store = recordingStore();
    const options = { baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, refreshToken: original, tokenStore: store };
    const first = createFortiAuthenticatorClient(options);

    // The first sign-in of this mode is itself a refresh: it spends `original`.
    expect((await first.GET("/api/v1/")).response.status).toBe(200);
    server.expireTokens();
    expect((await first.GET("/api/v1/")).response.status).toBe(200);

    const refreshes = tokenBodies(server).slice(1);
    expect(refreshes.map((body) => body.grant_type)).toEqual(["refresh_token", "refresh_token"]);
    expect(refreshes[0]?.refresh_token).toBe(original);
    const rotated = refreshes[1]?.refresh_token;
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(original);
    // The store got each new refresh token; after the 401 it kept the refresh token with the
    // access token marked expired, and the one spent second is the one stored first.
    expect(store.written).toHaveLength(3);
    expect(store.written[0]?.refreshToken).toBe(rotated);
    expect(store.written[1]).toMatchObject({ refreshToken: rotated, expiresAt: 0 });
    const latest = store.written[2]?.refreshToken;
    expect(latest).toBeDefined();
    expect([original, rotated]).not.toContain(latest);

    // Someone holding only the original refresh token (no store) is refused.
    const stale = createFortiAuthenticatorClient({ ...options, tokenStore: undefined });
    const error = await stale.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 400, code: "invalid_grant" });
    expect(JSON.stringify(error)).not.toContain(original);

    // A second client on the shared store picks up the stored token, and refreshes with the latest one.
    const sibling = createFortiAuthenticatorClient(options);
    const before = server.count(TOKEN_ROUTE);
    expect((await sibling.GET("/api/v1/")).response.status).toBe(200);
    expect(server.count(TOKEN_ROUTE)).toBe(before);
    server.expireTokens();
    expect((await sibling.GET("/api/v1/")).response.status).toBe(200);
    expect(tokenBodies(server).at(-1)?.refresh_token).toBe(latest);

    // The first client still works: it finds the sibling's newer token in the store.
    expect((await first.GET("/api/v1/")).response.status).toBe(200);
  });

  it("after a 401 in password mode refreshes with the kept refresh token, not the password", async () => {
    const server = await startEmulator();
    const events: SecfetchEvent[] = [];
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, username: "alice", password: DEMO.password, onEvent: (event) => events.push(event) });
    await api.GET("/api/v1/");
    server.expireTokens();
    expect((await api.GET("/api/v1/")).response.status).toBe(200);
    expect(tokenBodies(server).map((body) => body.grant_type)).toEqual(["password", "refresh_token"]);
    expect(lifecycle(events).map((event) => event.type)).toEqual(["token.issued", "request.replay", "token.refreshed"]);
  });
});

describe("token requests that spend something are not repeated", () => {
  it("a 502 or a dropped connection on a refresh (rotating token) or a password sign-in is not retried; a 429 is", async () => {
    const server = await startEmulator();
    const refreshToken = await mintRefreshToken(server);
    const before = server.count(TOKEN_ROUTE);
    const refreshing = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, refreshToken });
    server.injectFault({ path: "/api/v1/oauth/token/", method: "POST", status: 502, count: 1 });
    const failed = await refreshing.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(failed).toBeInstanceOf(AuthenticationError);
    expect(failed).toMatchObject({ status: 502 });
    expect(server.count(TOKEN_ROUTE)).toBe(before + 1);

    const password = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, username: DEMO.users.plain, password: DEMO.password });
    server.injectFault({ path: "/api/v1/oauth/token/", method: "POST", dropConnection: true, count: 1 });
    await expect(password.GET("/api/v1/")).rejects.toMatchObject({ name: "NetworkError" });
    expect(server.count(TOKEN_ROUTE)).toBe(before + 2);

    // 429: the appliance did not process it, so it is sent again.
    server.injectFault({ path: "/api/v1/oauth/token/", method: "POST", status: 429, retryAfter: 0, count: 1 });
    expect((await password.GET("/api/v1/")).response.status).toBe(200);
    expect(server.count(TOKEN_ROUTE)).toBe(before + 4);
  });
});

describe("token lifetime and client authentication", () => {
  it("expires_in 0 means never: many calls over time, one token request", async () => {
    const server = await startEmulator({ tokenTtlSeconds: 0 });
    const events: SecfetchEvent[] = [];
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.publicApp, username: "alice", password: DEMO.password, onEvent: (event) => events.push(event) });
    const statuses: number[] = [];
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      statuses.push(...(await Promise.all([api.GET("/api/v1/"), api.GET("/api/v1/")])).map((result) => result.response.status));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statuses.length).toBeGreaterThanOrEqual(10);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(server.count(TOKEN_ROUTE)).toBe(1);
    expect(lifecycle(events)).toEqual([expect.objectContaining({ type: "token.issued", expiresInMs: null })]);
  });

  it("sends the confidential secret on every token request: sign-in, MFA answer and refresh", async () => {
    const server = await startEmulator();
    const api = createFortiAuthenticatorClient({
      baseUrl: server.url,
      ca: server.ca,
      ...DEMO.confidentialApp,
      username: DEMO.users.ftm,
      password: DEMO.password,
      onChallenge: () => server.currentOtp(DEMO.users.ftm),
    });
    await api.GET("/api/v1/");
    server.expireTokens();
    await api.GET("/api/v1/");
    server.expireTokens();
    expect((await api.GET("/api/v1/")).response.status).toBe(200);
    const bodies = tokenBodies(server);
    expect(bodies.map((body) => body.grant_type)).toEqual(["password", "password", "refresh_token", "refresh_token"]);
    for (const body of bodies) {
      expect(body.client_id).toBe(DEMO.confidentialApp.clientId);
      expect(body.client_secret).toBe(DEMO.confidentialApp.clientSecret);
    }
  });
});

describe("paging (Tastypie meta.next)", () => {
  const walk = async (api: ReturnType<typeof createFortiAuthenticatorClient>) => {
    const names: string[] = [];
    for await (const user of api.paginate("/api/v1/localusers/", { params: { query: { limit: 20 } } })) names.push(user.username);
    return names;
  };

  it("lists all 45 users exactly once with the admin access key (HTTP Basic)", async () => {
    const server = await startEmulator();
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey });
    const names = await walk(api);
    expect(names).toHaveLength(45);
    expect(new Set(names).size).toBe(45);
    expect(names.slice(0, 6)).toEqual(["alice", "bob", "carol", "dave", "erin", "frank"]);
    const pages = server.requests.filter((request) => request.route === "GET /api/v1/localusers/");
    expect(pages.map((page) => page.query)).toEqual([{ limit: "20" }, { limit: "20", offset: "20" }, { limit: "20", offset: "40" }]);
    const basic = `Basic ${Buffer.from(`${DEMO.admin.username}:${DEMO.admin.accessKey}`).toString("base64")}`;
    expect(pages.every((page) => page.headers.authorization === basic)).toBe(true);
    expect(server.count(TOKEN_ROUTE)).toBe(0);
  });

  it("lists all 45 users exactly once with a bearer token, one sign-in", async () => {
    const server = await startEmulator();
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, username: "alice", password: DEMO.password });
    const names = await walk(api);
    expect(names).toHaveLength(45);
    expect(new Set(names).size).toBe(45);
    expect(server.count("GET /api/v1/localusers/")).toBe(3);
    expect(server.count(TOKEN_ROUTE)).toBe(1);
  });
});

describe("credential checks are answers, not lost sign-ins", () => {
  it("hands back the 401 of /api/v1/auth/ for a wrong user password: no re-sign-in, no replay", async () => {
    const server = await startEmulator();
    const events: SecfetchEvent[] = [];
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, username: "alice", password: DEMO.password, onEvent: (event) => events.push(event) });
    const good = await api.POST("/api/v1/auth/", { body: { username: "alice", password: DEMO.password } });
    expect(good.response.status).toBe(200);
    const tokens = server.count(TOKEN_ROUTE);

    const bad = await api.POST("/api/v1/auth/", { body: { username: "alice", password: "wrong-password" } });
    expect(bad.response.status).toBe(401);
    expect(server.count(TOKEN_ROUTE)).toBe(tokens);
    expect(server.count("POST /api/v1/auth/")).toBe(2);
    expect(events.filter((event) => event.type === "request.replay")).toHaveLength(0);
    // The bearer token is still good for the next call.
    expect((await api.GET("/api/v1/")).response.status).toBe(200);
    expect(server.count(TOKEN_ROUTE)).toBe(tokens);
  });

  it("hands it back with the admin access key too (a static credential would otherwise throw)", async () => {
    const server = await startEmulator();
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey });
    const { response } = await api.POST("/api/v1/auth/", { body: { username: "bob", token_code: "abcdef" } });
    expect(response.status).toBe(401);
    expect(server.count("POST /api/v1/auth/")).toBe(1);
  });
});
