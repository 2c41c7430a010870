import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createMemoryTokenStore,
  createOAuthTokenRequest,
  createRedactor,
  createTokenManager,
  type OAuthTokenRequestOptions,
  type SecfetchEvent,
  type TokenRecord,
  type TokenStore,
} from "../../src/building-blocks.js";
import { basicValue, findLeaks, recognisable } from "../support/leaks.js";
import { startOidcProvider, type OidcProviderServer } from "../support/oidc-provider.js";

// Our token request against a real, independent OAuth 2 server (panva's oidc-provider, which
// follows RFC 6749 to the letter), over real sockets: client authentication both ways, the
// RFC's error codes, one shared request for many concurrent callers, and refresh-token rotation
// (RFC 6749 §6, RFC 9700 §4.14.2): each refresh spends its token, a spent one is refused.

const BASIC_CLIENT = { id: "secfetch-basic-client", secret: recognisable("LEAK-SECRET-basic") };
const POST_CLIENT = { id: "secfetch-post-client", secret: recognisable("LEAK-SECRET-post") };
// Clients of the authorization-code flow that may refresh; their first refresh token is minted
// through the provider's models (see `issueRefreshToken`), as if a user had signed in.
const REFRESH_BASIC_CLIENT = { id: "secfetch-refresh-basic-client", secret: recognisable("LEAK-SECRET-refresh-basic") };
const REFRESH_POST_CLIENT = { id: "secfetch-refresh-post-client", secret: recognisable("LEAK-SECRET-refresh-post") };
const OFFLINE_SCOPE = "openid offline_access";
const TTL_SECONDS = 300;

let provider: OidcProviderServer;

beforeAll(async () => {
  provider = await startOidcProvider({
    ttlSeconds: TTL_SECONDS,
    scopes: ["api:read", "api:write"],
    clients: [
      {
        client_id: BASIC_CLIENT.id,
        client_secret: BASIC_CLIENT.secret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
        scope: "api:read",
      },
      {
        client_id: POST_CLIENT.id,
        client_secret: POST_CLIENT.secret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_post",
      },
      ...[
        [REFRESH_BASIC_CLIENT, "client_secret_basic"] as const,
        [REFRESH_POST_CLIENT, "client_secret_post"] as const,
      ].map(([client, method]) => ({
        client_id: client.id,
        client_secret: client.secret,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code" as const],
        redirect_uris: ["http://127.0.0.1/callback"],
        token_endpoint_auth_method: method,
        scope: OFFLINE_SCOPE,
      })),
    ],
    refreshTokens: { rotate: true },
  });
});

afterAll(async () => {
  await provider?.close();
});

/** A real fetch, counting the requests it sends. */
function countingFetch() {
  let count = 0;
  const send = (request: Request) => {
    count++;
    return fetch(request);
  };
  return { send, count: () => count };
}

function tokenRequest(overrides: Partial<OAuthTokenRequestOptions> & Pick<OAuthTokenRequestOptions, "clientId" | "clientSecret">) {
  const sent = countingFetch();
  const requestedAt: number[] = [];
  const requestToken = createOAuthTokenRequest({
    url: provider.tokenEndpoint,
    grant: "client_credentials",
    clientAuth: "basic",
    encoding: "form",
    redactor: createRedactor([overrides.clientSecret]),
    source: "@secfetch/oidc-provider-test",
    send: sent.send,
    now: () => {
      const now = Date.now();
      requestedAt.push(now);
      return now;
    },
    ...overrides,
  });
  return { requestToken, sent, requestedAt };
}

/** What the provider says about a token, asked with the owning client's credentials (Basic, or in the body). */
async function introspect(token: string, client: { id: string; secret: string }, clientAuth: "basic" | "body" = "basic"): Promise<Record<string, unknown>> {
  const basic = clientAuth === "basic";
  const response = await fetch(provider.introspectionEndpoint, {
    method: "POST",
    headers: {
      ...(basic ? { authorization: `Basic ${basicValue(client.id, client.secret)}` } : {}),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ token, ...(basic ? {} : { client_id: client.id, client_secret: client.secret }) }).toString(),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function refusal(promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => expect.fail("expected the token request to be refused"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe("createOAuthTokenRequest against oidc-provider", () => {
  it("gets a live token with HTTP Basic client authentication, expiring when the provider says", async () => {
    const { requestToken, sent, requestedAt } = tokenRequest({ clientId: BASIC_CLIENT.id, clientSecret: BASIC_CLIENT.secret, params: { scope: "api:read" } });
    const record = await requestToken();
    expect(sent.count()).toBe(1);
    expect(record.accessToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(record.tokenType).toBe("bearer");
    expect(record.scope).toBe("api:read");
    expect(record.issuedAt).toBe(requestedAt[0]);
    expect(record.expiresAt).toBe(record.issuedAt + TTL_SECONDS * 1000);
    const about = await introspect(record.accessToken, BASIC_CLIENT);
    expect(about).toMatchObject({ active: true, client_id: BASIC_CLIENT.id, scope: "api:read" });
    // The provider's own clock agrees to within a few seconds.
    expect(Math.abs((about.exp as number) * 1000 - (record.expiresAt ?? 0))).toBeLessThan(5_000);
  });

  it("gets a live token with the secret in the form body (clientAuth: body)", async () => {
    const { requestToken, sent } = tokenRequest({ clientId: POST_CLIENT.id, clientSecret: POST_CLIENT.secret, clientAuth: "body" });
    const record = await requestToken();
    expect(sent.count()).toBe(1);
    expect(record.expiresAt).toBe(record.issuedAt + TTL_SECONDS * 1000);
    expect(await introspect(record.accessToken, POST_CLIENT)).toMatchObject({ active: true, client_id: POST_CLIENT.id });
  });

  it.each([
    ["HTTP Basic", "basic" as const],
    ["the form body", "body" as const],
  ])("turns a wrong secret sent in %s into AuthenticationError invalid_client 401, without the secret", async (_, clientAuth) => {
    const wrong = recognisable("LEAK-WRONG-SECRET");
    const { requestToken } = tokenRequest({ clientId: BASIC_CLIENT.id, clientSecret: wrong, clientAuth });
    const error = await refusal(requestToken());
    expect(error.status).toBe(401);
    expect(error.code).toBe("invalid_client");
    expect(error.message).toMatch(/Check the client id and secret/);
    expect(findLeaks([error], [wrong, basicValue(BASIC_CLIENT.id, wrong), BASIC_CLIENT.secret])).toEqual([]);
  });

  it("turns an unknown client into AuthenticationError invalid_client 401", async () => {
    const { requestToken } = tokenRequest({ clientId: "nobody", clientSecret: BASIC_CLIENT.secret });
    const error = await refusal(requestToken());
    expect(error).toMatchObject({ status: 401, code: "invalid_client" });
    expect(findLeaks([error], [BASIC_CLIENT.secret, basicValue("nobody", BASIC_CLIENT.secret)])).toEqual([]);
  });

  it("reports a grant the provider does not support with RFC 6749's unsupported_grant_type (400)", async () => {
    const { requestToken } = tokenRequest({
      clientId: BASIC_CLIENT.id,
      clientSecret: BASIC_CLIENT.secret,
      grant: "password",
      params: { username: "alice", password: "LEAK-PASSWORD-alice" },
    });
    const error = await refusal(requestToken());
    expect(error).toMatchObject({ status: 400, code: "unsupported_grant_type" });
    expect(error.message).toContain("unsupported_grant_type");
    expect(findLeaks([error], [BASIC_CLIENT.secret, "LEAK-PASSWORD-alice"])).toEqual([]);
  });

  it("reports a grant the provider supports but this client may not use with the provider's own code", async () => {
    const { requestToken } = tokenRequest({
      clientId: BASIC_CLIENT.id,
      clientSecret: BASIC_CLIENT.secret,
      grant: "authorization_code",
      params: { code: "LEAK-CODE-123", redirect_uri: "http://127.0.0.1/callback" },
    });
    const error = await refusal(requestToken());
    // oidc-provider 9 answers invalid_request ("requested grant type is not allowed for this client").
    expect(error).toMatchObject({ status: 400, code: "invalid_request" });
    expect(error.message).toMatch(/not allowed for this client/);
  });

  it("reports a JSON body, which RFC 6749 does not allow, as the provider's invalid_request", async () => {
    const { requestToken } = tokenRequest({ clientId: BASIC_CLIENT.id, clientSecret: BASIC_CLIENT.secret, encoding: "json" });
    const error = await refusal(requestToken());
    expect(error).toMatchObject({ status: 400, code: "invalid_request" });
  });
});

describe("createTokenManager over oidc-provider", () => {
  it("answers 50 concurrent getToken calls with one token request", async () => {
    const { requestToken, sent } = tokenRequest({ clientId: BASIC_CLIENT.id, clientSecret: BASIC_CLIENT.secret, params: { scope: "api:read" } });
    const events: SecfetchEvent[] = [];
    const manager = createTokenManager({ key: async () => "oidc", acquire: () => requestToken(), onEvent: (event) => events.push(event) });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getToken()));
    expect(sent.count()).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(events).toEqual([expect.objectContaining({ type: "token.issued" })]);
    const issued = events[0];
    if (issued?.type === "token.issued") {
      expect(issued.expiresInMs).toBeGreaterThan((TTL_SECONDS - 5) * 1000);
      expect(issued.expiresInMs).toBeLessThanOrEqual(TTL_SECONDS * 1000);
    }
    expect(await introspect(tokens[0] ?? "", BASIC_CLIENT)).toMatchObject({ active: true });
    // Cached afterwards: another 50 calls send nothing.
    await Promise.all(Array.from({ length: 50 }, () => manager.getToken()));
    expect(sent.count()).toBe(1);
  });

  it("does not cache a refusal: 50 concurrent callers share one failed request, the next call tries again", async () => {
    const wrong = recognisable("LEAK-WRONG-SECRET");
    const { requestToken, sent } = tokenRequest({ clientId: BASIC_CLIENT.id, clientSecret: wrong });
    const events: SecfetchEvent[] = [];
    const manager = createTokenManager({ key: async () => "oidc-wrong", acquire: () => requestToken(), onEvent: (event) => events.push(event) });
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => manager.getToken().catch((error: unknown) => error)));
    expect(sent.count()).toBe(1);
    expect(outcomes.every((outcome) => outcome instanceof AuthenticationError && outcome.code === "invalid_client")).toBe(true);
    await expect(manager.getToken()).rejects.toBeInstanceOf(AuthenticationError);
    expect(sent.count()).toBe(2);
    expect(findLeaks([...outcomes, ...events], [wrong, basicValue(BASIC_CLIENT.id, wrong)])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Refresh-token rotation. Each test signs a new account in (its own grant), because re-using a
// spent refresh token makes the provider revoke the whole grant.

type Client = { id: string; secret: string };

/** A first refresh token for a new account of `client`, as the authorization-code flow would issue it. */
async function signIn(client: Client): Promise<{ accountId: string; refreshToken: string }> {
  const accountId = `account-${randomUUID()}`;
  return { accountId, refreshToken: await provider.issueRefreshToken({ clientId: client.id, accountId, scope: OFFLINE_SCOPE }) };
}

/** A real fetch that counts its requests and notes the refresh token each one spent and the status it got. */
function refreshingFetch() {
  const spent: Array<string | null> = [];
  const statuses: number[] = [];
  const send = async (request: Request) => {
    spent.push(new URLSearchParams(await request.clone().text()).get("refresh_token"));
    const response = await fetch(request);
    statuses.push(response.status);
    return response;
  };
  return { send, count: () => spent.length, spent: () => [...spent], statuses: () => [...statuses] };
}

/** `createOAuthTokenRequest` for the refresh_token grant, as a vendor client would set it up. */
function refreshRequest(client: Client, clientAuth: "basic" | "body") {
  const sent = refreshingFetch();
  const requestToken = createOAuthTokenRequest({
    url: provider.tokenEndpoint,
    grant: "refresh_token",
    clientAuth,
    encoding: "form",
    clientId: client.id,
    clientSecret: client.secret,
    redactor: createRedactor([client.secret]),
    source: "@secfetch/oidc-provider-test",
    send: sent.send,
  });
  return { refresh: (refreshToken: string) => requestToken({ refresh_token: refreshToken }), sent };
}

/** A manager that refreshes with the refresh token of the record it replaces, never signing in from scratch. */
function refreshingManager(store: TokenStore, key: string, request: ReturnType<typeof refreshRequest>, now?: () => number) {
  const events: SecfetchEvent[] = [];
  const manager = createTokenManager({
    key: async () => key,
    store,
    acquire: async ({ current }) => {
      if (!current?.refreshToken) throw new Error("test: acquire was called without a refresh token");
      return request.refresh(current.refreshToken);
    },
    onEvent: (event) => events.push(event),
    ...(now ? { now } : {}),
  });
  return { manager, events };
}

/** A second manager on `store` (another process) whose clock runs an access-token lifetime ahead, so the stored token has lapsed for it. */
function laterManager(store: TokenStore, key: string, client: Client) {
  const request = refreshRequest(client, "basic");
  return { request, ...refreshingManager(store, key, request, () => Date.now() + TTL_SECONDS * 1000) };
}

/** A store holding a lapsed access token and a live refresh token, as after a sign-in long ago. */
async function seededStore(key: string, refreshToken: string): Promise<TokenStore> {
  const store = createMemoryTokenStore();
  await store.set(key, { accessToken: `lapsed-${randomUUID()}`, tokenType: "bearer", expiresAt: 0, issuedAt: 0, refreshToken }, undefined);
  return store;
}

async function stored(store: TokenStore, key: string): Promise<TokenRecord> {
  const record = await store.get(key);
  if (!record || "kind" in record) return expect.fail(`the store holds no token under ${key}`);
  return record;
}

describe("refresh-token rotation against oidc-provider (rotateRefreshToken: true)", () => {
  it.each([
    ["HTTP Basic", REFRESH_BASIC_CLIENT, "basic" as const],
    ["the form body", REFRESH_POST_CLIENT, "body" as const],
  ])("answers a refresh (client secret in %s) with a new access token and a new refresh token, spending the old", async (_, client, clientAuth) => {
    const { accountId, refreshToken: old } = await signIn(client);
    expect(await introspect(old, client, clientAuth)).toMatchObject({ active: true, client_id: client.id, sub: accountId });
    const { refresh, sent } = refreshRequest(client, clientAuth);
    const record = await refresh(old);
    expect(sent.count()).toBe(1);
    expect(sent.spent()).toEqual([old]);
    expect(sent.statuses()).toEqual([200]);
    expect(record.accessToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(record.tokenType).toBe("bearer");
    expect(record.scope).toBe(OFFLINE_SCOPE);
    expect(record.expiresAt).toBe(record.issuedAt + TTL_SECONDS * 1000);
    expect(record.refreshToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(record.refreshToken).not.toBe(old);
    expect(record.accessToken).not.toBe(record.refreshToken);
    // The provider agrees: the new tokens are live for the same account, the old refresh token is spent.
    expect(await introspect(record.accessToken, client, clientAuth)).toMatchObject({ active: true, client_id: client.id, sub: accountId });
    expect(await introspect(record.refreshToken ?? "", client, clientAuth)).toMatchObject({ active: true, client_id: client.id, sub: accountId });
    expect(await introspect(old, client, clientAuth)).toEqual({ active: false });
  });

  it("refuses the spent refresh token with AuthenticationError invalid_grant 400, showing neither token", async () => {
    const client = REFRESH_BASIC_CLIENT;
    const { refreshToken: old } = await signIn(client);
    const { refresh, sent } = refreshRequest(client, "basic");
    const rotated = await refresh(old);
    expect(rotated.refreshToken).not.toBe(old);

    const error = await refusal(refresh(old));
    expect(sent.spent()).toEqual([old, old]);
    expect(sent.statuses()).toEqual([200, 400]);
    expect(error).toMatchObject({ status: 400, code: "invalid_grant" });
    expect(error.message).toContain("invalid_grant");
    expect(findLeaks([error], [old, rotated.refreshToken, rotated.accessToken, client.secret, basicValue(client.id, client.secret)])).toEqual([]);

    // RFC 9700 §4.14.2: a spent token presented again means it leaked, so the provider revoked the
    // whole grant, the rotated token with it.
    expect(await introspect(rotated.refreshToken ?? "", client)).toEqual({ active: false });
    const family = await refusal(refresh(rotated.refreshToken ?? ""));
    expect(family).toMatchObject({ status: 400, code: "invalid_grant" });
    expect(findLeaks([family], [old, rotated.refreshToken, rotated.accessToken, client.secret])).toEqual([]);
  });

  it("makes one refresh for 20 concurrent getToken calls, keeps the rotated token, and a second manager on that store refreshes with it", async () => {
    const client = REFRESH_BASIC_CLIENT;
    const key = `oidc-rotating-${randomUUID()}`;
    const { accountId, refreshToken: seed } = await signIn(client);
    const store = await seededStore(key, seed);

    const first = refreshRequest(client, "basic");
    const { manager, events } = refreshingManager(store, key, first);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => manager.getToken()));
    expect(first.sent.count()).toBe(1);
    expect(first.sent.spent()).toEqual([seed]);
    expect(first.sent.statuses()).toEqual([200]);
    expect(new Set(tokens).size).toBe(1);
    expect(events).toEqual([expect.objectContaining({ type: "token.refreshed", background: false })]);

    const afterFirst = await stored(store, key);
    expect(afterFirst.accessToken).toBe(tokens[0]);
    expect(afterFirst.refreshToken).toBeDefined();
    expect(afterFirst.refreshToken).not.toBe(seed);
    expect(afterFirst.expiresAt).toBe(afterFirst.issuedAt + TTL_SECONDS * 1000);
    expect(await introspect(tokens[0] ?? "", client)).toMatchObject({ active: true, sub: accountId });
    expect(await introspect(afterFirst.refreshToken ?? "", client)).toMatchObject({ active: true, sub: accountId });
    // Cached afterwards: 20 more calls send nothing.
    await Promise.all(Array.from({ length: 20 }, () => manager.getToken()));
    expect(first.sent.count()).toBe(1);

    // Another manager (another process, whose clock is past the access token's expiry) on the same store.
    const second = laterManager(store, key, client);
    const token = await second.manager.getToken();
    expect(second.request.sent.count()).toBe(1);
    expect(second.request.sent.spent()).toEqual([afterFirst.refreshToken]);
    expect(second.request.sent.statuses()).toEqual([200]);
    expect(second.events).toEqual([expect.objectContaining({ type: "token.refreshed" })]);
    expect(token).not.toBe(tokens[0]);

    const afterSecond = await stored(store, key);
    expect(afterSecond.accessToken).toBe(token);
    expect(afterSecond.refreshToken).toBeDefined();
    expect(afterSecond.refreshToken).not.toBe(afterFirst.refreshToken);
    expect(afterSecond.refreshToken).not.toBe(seed);
    expect(await introspect(token, client)).toMatchObject({ active: true, sub: accountId });
    expect(await introspect(afterSecond.refreshToken ?? "", client)).toMatchObject({ active: true, sub: accountId });
    expect(await introspect(afterFirst.refreshToken ?? "", client)).toEqual({ active: false });
  });

  it("keeps the refresh token through invalidate(accessToken): the next getToken refreshes once with the rotated one", async () => {
    const client = REFRESH_POST_CLIENT;
    const key = `oidc-rotating-${randomUUID()}`;
    const { accountId, refreshToken: seed } = await signIn(client);
    const store = await seededStore(key, seed);
    const request = refreshRequest(client, "body");
    const { manager, events } = refreshingManager(store, key, request);

    const rejected = await manager.getToken();
    const rotated = (await stored(store, key)).refreshToken;
    expect(request.sent.spent()).toEqual([seed]);
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(seed);

    // The API refused `rejected` (say, revoked on the server): drop it, keep the refresh token.
    await manager.invalidate(rejected);
    expect(await stored(store, key)).toMatchObject({ accessToken: rejected, refreshToken: rotated, expiresAt: 0 });
    expect(request.sent.count()).toBe(1);

    const tokens = await Promise.all(Array.from({ length: 20 }, () => manager.getToken()));
    expect(request.sent.count()).toBe(2);
    expect(request.sent.spent()).toEqual([seed, rotated]);
    expect(request.sent.statuses()).toEqual([200, 200]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(rejected);
    expect(events.map((event) => event.type)).toEqual(["token.refreshed", "token.refreshed"]);

    const after = await stored(store, key);
    expect(after.accessToken).toBe(tokens[0]);
    expect(after.refreshToken).toBeDefined();
    expect(after.refreshToken).not.toBe(rotated);
    expect(await introspect(tokens[0] ?? "", client, "body")).toMatchObject({ active: true, sub: accountId });
    expect(await introspect(after.refreshToken ?? "", client, "body")).toMatchObject({ active: true, sub: accountId });

    // Invalidating the old token again (a late failure of a request sent with it) drops nothing.
    await manager.invalidate(rejected);
    expect(await manager.getToken()).toBe(tokens[0]);
    expect(request.sent.count()).toBe(2);
  });
});
