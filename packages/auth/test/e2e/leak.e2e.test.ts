import { startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  createApiClient,
  NetworkError,
  TimeoutError,
  type CommonClientOptions,
  type SecfetchEvent,
} from "../../src/building-blocks.js";
import { closedPort, sendJson, startTestServer, type TestHandler, type TestServer } from "../support/http-server.js";
import { lifecycle } from "../support/events.js";
import { basicValue, findLeaks, recognisable } from "../support/leaks.js";
import { paloAltoDefinition, type PaloAltoAppsPaths } from "../support/paloalto-definition.js";

// Every failure path of the engine, over real sockets, with recognisable secrets: nothing secret
// may reach an error (message, JSON, inspect, stack, cause chain) or an event.

const CLIENT_ID = "leak-client";
const SECRET = recognisable("LEAK-SECRET");
const BASIC = basicValue(CLIENT_ID, SECRET);
/** Every error thrown and event emitted in this file, for the summary at the end. */
const everything: { errors: unknown[]; events: SecfetchEvent[]; tokens: Set<string> } = { errors: [], events: [], tokens: new Set() };
/** Names the fix: every message says what to do. */
const ADVICE = /\b(Check|Pass|Use|Raise|try again|submit)\b/i;

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function emulator(options: Parameters<typeof startPaloAltoSaasSecurityEmulator>[0] = {}): Promise<PaloAltoSaasSecurityEmulator> {
  const started = await startPaloAltoSaasSecurityEmulator({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }], ...options });
  servers.push(started);
  return started;
}

async function server(handler: TestHandler): Promise<TestServer> {
  const started = await startTestServer(handler);
  servers.push(started);
  return started;
}

/** A client of the Palo Alto declaration against `baseUrl`, recording its events. */
function client(baseUrl: string, extra: Record<string, unknown> = {}) {
  const events: SecfetchEvent[] = [];
  const options = { baseUrl, clientId: CLIENT_ID, clientSecret: SECRET, onEvent: (event: SecfetchEvent) => events.push(event), ...extra };
  const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options);
  return { api, events };
}

/** Calls the API once and returns what it threw (failing the test if it did not throw). */
async function failure(api: ReturnType<typeof client>["api"]): Promise<unknown> {
  const outcome = await api.GET("/incident/api/apps").then(
    (result) => ({ threw: false as const, status: result.response.status }),
    (error: unknown) => ({ threw: true as const, error }),
  );
  if (!outcome.threw) expect.fail(`expected the call to throw, it answered HTTP ${outcome.status}`);
  return outcome.error;
}

/** Bearer tokens an emulator or test server saw, i.e. every token that was issued and used. */
function bearerTokens(requests: ReadonlyArray<{ headers: Record<string, string | string[] | undefined> }>): string[] {
  return requests
    .map((request) => request.headers.authorization)
    .filter((value): value is string => typeof value === "string" && /^Bearer /i.test(value))
    .map((value) => value.slice("Bearer ".length));
}

function expectClean(
  error: unknown,
  events: readonly SecfetchEvent[],
  expected: {
    type: abstract new (...args: never[]) => Error;
    name: string;
    secrets?: ReadonlyArray<string | undefined>;
    tokens?: readonly string[];
    /** Whether to check here that the message names the fix (bad-options cases check it in a test of their own). */
    advice?: boolean;
  },
): void {
  everything.errors.push(error);
  everything.events.push(...events);
  for (const token of expected.tokens ?? []) everything.tokens.add(token);
  expect(error).toBeInstanceOf(expected.type);
  expect((error as Error).name).toBe(expected.name);
  if (expected.advice !== false) expect((error as Error).message).toMatch(ADVICE);
  const secrets = [SECRET, BASIC, ...(expected.secrets ?? []), ...(expected.tokens ?? [])];
  expect(findLeaks([error, ...events], secrets)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe("no secret leaks from the sign-in", () => {
  it("wrong client secret: AuthenticationError 401 unauthorized", async () => {
    const palo = await emulator();
    const wrong = recognisable("LEAK-WRONG-SECRET");
    const { api, events } = client(palo.url, { clientSecret: wrong });
    const error = await failure(api);
    expectClean(error, events, { type: AuthenticationError, name: "AuthenticationError", secrets: [wrong, basicValue(CLIENT_ID, wrong)] });
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
    expect(palo.count("POST /oauth/token")).toBe(1);
    expect(palo.count("GET /incident/api/apps")).toBe(0);
    expect(lifecycle(events)).toEqual(["token.failed"]);
  });

  it("token endpoint 500, echoing the secret, until the retries run out: AuthenticationError 500", async () => {
    const palo = await emulator();
    palo.injectFault({
      path: "/oauth/token",
      status: 500,
      count: Infinity,
      retryAfter: 0,
      body: { error: "server_error", error_description: `failed for client_secret=${SECRET} (${SECRET}); Authorization: Basic ${BASIC}` },
    });
    const { api, events } = client(palo.url, { maxRetries: 2 });
    const error = await failure(api);
    expectClean(error, events, { type: AuthenticationError, name: "AuthenticationError" });
    expect(error).toMatchObject({ status: 500, code: "server_error" });
    expect((error as Error).message).toMatch(/try again/);
    expect(palo.count("POST /oauth/token")).toBe(3);
    expect(lifecycle(events)).toEqual(["request.retry", "request.retry", "token.failed"]);
  });

  it("token endpoint 401 that echoes the presented Basic credential without its scheme: AuthenticationError", async () => {
    const misbehaving = await server((req, res) => {
      const presented = String(req.headers.authorization).replace(/^Basic /, "");
      sendJson(res, 401, { error: "invalid_client", error_description: `client credentials ${presented} not recognised` }, { "www-authenticate": 'Basic realm="oauth"' });
    });
    const { api, events } = client(misbehaving.url);
    const error = await failure(api);
    expect(misbehaving.requests[0]?.headers.authorization).toBe(`Basic ${BASIC}`);
    expectClean(error, events, { type: AuthenticationError, name: "AuthenticationError" });
    expect(error).toMatchObject({ status: 401, code: "invalid_client" });
  });

  it("token endpoint 200 with an HTML page that echoes the secret: AuthenticationError invalid_token_response", async () => {
    const misbehaving = await server((req, res) => {
      const presented = Buffer.from(String(req.headers.authorization).replace(/^Basic /, ""), "base64").toString();
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html><body><h1>Welcome</h1><p>You signed in as ${presented} (${req.headers.authorization}).</p></body></html>`);
    });
    const { api, events } = client(misbehaving.url);
    const error = await failure(api);
    expectClean(error, events, { type: AuthenticationError, name: "AuthenticationError" });
    expect(error).toMatchObject({ status: 200, code: "invalid_token_response" });
    expect(misbehaving.requests.map((request) => request.path)).toEqual(["/oauth/token"]);
  });

  it.each([
    ["a token that cannot go in a header", (fake: string) => ({ access_token: `${fake} ${SECRET}`, token_type: "bearer", expires_in: 3600 })],
    ["an unreadable expires_in", (fake: string) => ({ access_token: fake, refresh_token: `${fake}-refresh`, expires_in: `in ${SECRET}` })],
    ["a token_type that is not a string", (fake: string) => ({ access_token: fake, token_type: { echo: SECRET }, client_secret: SECRET })],
  ])("token endpoint 200 with a body that echoes the secret and %s: AuthenticationError", async (_, body) => {
    const fake = recognisable("LEAK-FAKE-TOKEN");
    const misbehaving = await server((_req, res) => sendJson(res, 200, body(fake)));
    const { api, events } = client(misbehaving.url);
    const error = await failure(api);
    expectClean(error, events, { type: AuthenticationError, name: "AuthenticationError", tokens: [fake, `${fake}-refresh`] });
    expect(error).toMatchObject({ status: 200, code: "invalid_token_response" });
    // Nothing was cached: the next call asks again.
    await failure(api);
    expect(misbehaving.requests.filter((request) => request.path === "/oauth/token")).toHaveLength(2);
  });
});

describe("no secret leaks from API refusals", () => {
  it("emulator: API 401 that persists after a fresh sign-in: AuthenticationError, both tokens kept out", async () => {
    const palo = await emulator();
    palo.injectFault({ path: "/incident/api/apps", status: 401, count: Infinity });
    const { api, events } = client(palo.url);
    const error = await failure(api);
    const tokens = bearerTokens(palo.requests);
    // Both issued tokens were presented (once each), so the scan below covers every one of them.
    expect(palo.count("POST /oauth/token")).toBe(2);
    expect(new Set(tokens).size).toBe(2);
    expectClean(error, events, { type: AuthenticationError, name: "AuthenticationError", tokens });
    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).toMatch(/refused again after a fresh sign-in/);
    expect(lifecycle(events)).toEqual(["token.issued", "request.replay", "token.issued"]);
  });

  it("test server: API 401 whose body and headers echo the presented token bare", async () => {
    let issued = 0;
    const tokens: string[] = [];
    const misbehaving = await server((req, res) => {
      if (req.url?.startsWith("/oauth/token")) {
        const token = recognisable(`LEAK-ISSUED-${++issued}`);
        tokens.push(token);
        sendJson(res, 200, { access_token: token, token_type: "bearer", expires_in: 3600, refresh_token: `${token}-refresh` });
        return;
      }
      const presented = String(req.headers.authorization).replace(/^Bearer /, "");
      sendJson(
        res,
        401,
        { error: "invalid_token", error_description: `token ${presented} is not valid here`, details: [{ seen: presented }], code: presented },
        { "www-authenticate": `Bearer error="invalid_token", error_description="${presented}"` },
      );
    });
    const { api, events } = client(misbehaving.url);
    const error = await failure(api);
    expect(tokens).toHaveLength(2);
    expectClean(error, events, { type: AuthenticationError, name: "AuthenticationError", tokens: [...tokens, ...tokens.map((token) => `${token}-refresh`)] });
    expect(error).toMatchObject({ status: 401, code: "invalid_token" });
  });
});

describe("no secret leaks from transport failures", () => {
  it("connection refused: NetworkError", async () => {
    const port = await closedPort();
    const { api, events } = client(`http://127.0.0.1:${port}`, { maxRetries: 0 });
    const error = await failure(api);
    expectClean(error, events, { type: NetworkError, name: "NetworkError" });
    // The cause chain keeps what helps debugging.
    expect(JSON.stringify(error)).toMatch(/ECONNREFUSED/);
  });

  it("token endpoint that resets every connection, maxRetries 1: NetworkError after 1 + 1 attempts", async () => {
    const resetting = await server((req) => {
      req.socket.destroy();
    });
    const { api, events } = client(resetting.url, { maxRetries: 1 });
    const error = await failure(api);
    expectClean(error, events, { type: NetworkError, name: "NetworkError" });
    // maxRetries is "retries after the first attempt": the sign-in is tried twice in all, not
    // twice per attempt of the API call that needed it.
    expect(resetting.requests.map((request) => request.path)).toEqual(["/oauth/token", "/oauth/token"]);
  });

  it("token endpoint that never answers, timeoutMs 200: TimeoutError within the deadline", async () => {
    const silent = await server(() => {});
    const { api, events } = client(silent.url, { timeoutMs: 200, maxRetries: 0 });
    const started = performance.now();
    const error = await failure(api);
    const elapsed = performance.now() - started;
    expectClean(error, events, { type: TimeoutError, name: "TimeoutError" });
    expect(error).toMatchObject({ timeoutMs: 200 });
    expect(elapsed).toBeGreaterThanOrEqual(195);
    // Far below the 30 s default: the 200 ms deadline ended it (slack for a loaded CI machine).
    expect(elapsed).toBeLessThan(5_000);
    expect(silent.requests.map((request) => request.path)).toEqual(["/oauth/token"]);
  });

  it("API that never answers after a good sign-in, timeoutMs 200: TimeoutError, the token kept out", async () => {
    const token = recognisable("LEAK-ISSUED");
    const halfSilent = await server((req, res) => {
      if (req.url?.startsWith("/oauth/token")) sendJson(res, 200, { access_token: token, token_type: "bearer", expires_in: 3600 });
    });
    const { api, events } = client(halfSilent.url, { timeoutMs: 200, maxRetries: 0 });
    const error = await failure(api);
    expectClean(error, events, { type: TimeoutError, name: "TimeoutError", tokens: [token] });
  });

  it("custom fetch that throws an Error quoting the secret and the Basic header: NetworkError", async () => {
    const palo = await emulator();
    const throwing: typeof fetch = async (input, init) => {
      const authorization = new Headers(init?.headers).get("authorization");
      const inner = new Error(`socket closed while sending ${authorization} for ${CLIENT_ID}:${SECRET}`);
      const error = new TypeError(`request to ${String(input)} failed: secret ${SECRET}, ${encodeURIComponent(SECRET)}`, { cause: inner });
      Object.assign(error, { request: { headers: { authorization }, body: `client_secret=${SECRET}` }, code: "EPROTO" });
      throw error;
    };
    const { api, events } = client(palo.url, { fetch: throwing, maxRetries: 0 });
    const error = await failure(api);
    expectClean(error, events, { type: NetworkError, name: "NetworkError" });
    expect((error as NetworkError).cause).toBeInstanceOf(Error);
    expect(palo.count()).toBe(0);
  });

  it("custom fetch that throws on the API call, quoting the bearer token it was given: NetworkError", async () => {
    const palo = await emulator();
    const throwing: typeof fetch = async (input, init) => {
      if (String(input).endsWith("/oauth/token")) return fetch(input, init);
      const authorization = new Headers(init?.headers).get("authorization") ?? "";
      throw new TypeError(`could not send token ${authorization.replace(/^Bearer /, "")}`, { cause: new Error(`with header ${authorization}`) });
    };
    const { api, events } = client(palo.url, { fetch: throwing, maxRetries: 0 });
    const error = await failure(api);
    // The emulator never saw the API call; the token it issued is the one the client holds.
    const token = await api.auth.getToken();
    expect(palo.count("POST /oauth/token")).toBe(1);
    expectClean(error, events, { type: NetworkError, name: "NetworkError", tokens: [token] });
  });

  it("custom fetch that rejects with a plain object quoting the secret: NetworkError", async () => {
    const palo = await emulator();
    const rejecting = (async () => {
      throw { reason: `refused ${SECRET}`, nested: { detail: `for ${CLIENT_ID}:${SECRET}` } };
    }) as typeof fetch;
    const { api, events } = client(palo.url, { fetch: rejecting, maxRetries: 0 });
    const error = await failure(api);
    expectClean(error, events, { type: NetworkError, name: "NetworkError" });
  });
});

describe("no secret leaks from bad options", () => {
  function configurationError(options: Record<string, unknown>): unknown {
    try {
      createApiClient(paloAltoDefinition, options as CommonClientOptions);
    } catch (error) {
      return error;
    }
    return expect.fail("expected a ConfigurationError");
  }

  const base = { baseUrl: "http://127.0.0.1:1", clientId: CLIENT_ID, clientSecret: SECRET };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["a bad enum value on a secret-free option (scopes)", { ...base, scopes: ["incident_api", "LEAK-NOT-A-SCOPE"] }, "scopes"],
    ["an unknown option named like a secret (client_secret)", { ...base, client_secret: SECRET }, "client_secret"],
    ["an unknown option named like a secret (password)", { ...base, password: SECRET }, "password"],
    ["a secret option of the wrong type", { ...base, clientSecret: [SECRET] }, "clientSecret"],
    ["a missing secret option", { baseUrl: base.baseUrl, clientId: CLIENT_ID }, "clientSecret"],
    ["credentials in baseUrl", { ...base, baseUrl: `http://${CLIENT_ID}:${SECRET}@127.0.0.1:1` }, "baseUrl"],
    ["an unparsable baseUrl with credentials in it", { ...base, baseUrl: `http://${CLIENT_ID}:${SECRET}@127.0.0.1:99999` }, "baseUrl"],
    ["plain http to a remote host", { ...base, baseUrl: "http://api.example.com" }, "baseUrl"],
    ["a bad timeoutMs", { ...base, timeoutMs: -1 }, "timeoutMs"],
    ["a bad maxRetries", { ...base, maxRetries: 1.5 }, "maxRetries"],
  ];

  it.each(cases)("%s: ConfigurationError naming the option, with no secret in it", (_, options, option) => {
    const error = configurationError(options);
    expectClean(error, [], { type: ConfigurationError, name: "ConfigurationError", advice: false });
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as Error).message).toContain(option);
  });

  it.each(cases)("%s: the message says what to do", (_, options) => {
    expect((configurationError(options) as Error).message).toMatch(ADVICE);
  });
});

// Runs last (tests in a file run in order): the sum of everything above.
it("across every failure above: errors of all four classes, and not one secret in any error or event", (context) => {
  if (everything.errors.length === 0) context.skip(); // run on its own (-t), there is nothing to sum
  const classes = new Set(everything.errors.map((error) => (error as Error).name));
  expect([...classes].sort()).toEqual(["AuthenticationError", "ConfigurationError", "NetworkError", "TimeoutError"]);
  expect(findLeaks([...everything.errors, ...everything.events], [SECRET, BASIC, ...everything.tokens])).toEqual([]);
});
