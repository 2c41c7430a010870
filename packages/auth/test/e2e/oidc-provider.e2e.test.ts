import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createOAuthTokenRequest,
  createRedactor,
  createTokenManager,
  type OAuthTokenRequestOptions,
  type SecfetchEvent,
} from "../../src/index.js";
import { basicValue, findLeaks, recognisable } from "../support/leaks.js";
import { startOidcProvider, type OidcProviderServer } from "../support/oidc-provider.js";

// Our token request against a real, independent OAuth 2 server (panva's oidc-provider, which
// follows RFC 6749 to the letter), over real sockets: client authentication both ways, the
// RFC's error codes, and one shared request for many concurrent callers.

const BASIC_CLIENT = { id: "secfetch-basic-client", secret: recognisable("LEAK-SECRET-basic") };
const POST_CLIENT = { id: "secfetch-post-client", secret: recognisable("LEAK-SECRET-post") };
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
    ],
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

/** What the provider says about a token, asked with the owning client's Basic credentials. */
async function introspect(token: string, client: { id: string; secret: string }): Promise<Record<string, unknown>> {
  const response = await fetch(provider.introspectionEndpoint, {
    method: "POST",
    headers: { authorization: `Basic ${basicValue(client.id, client.secret)}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
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
    expect(error.message).toMatch(/Check the client credentials/);
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
