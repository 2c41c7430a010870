import {
  ENNOV_INSIGHT_AZURE_TOKEN_ROUTE as AZURE_TOKEN,
  ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO,
  startEnnovInsightEmulator,
  type EnnovInsightEmulator,
  type EnnovInsightEmulatorOptions,
} from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import { createEnnovInsightClient, type EnnovInsightClientOptions } from "../src/index.js";

const TOKEN = "GET /insight/api/v2/token";
const LOGIN = "POST /insight/api/v2/login";
const READ_EVENTS = "POST /insight/api/v2/event/read";

/** What the client's fetch got back: the emulator logs requests only, the answers are read here. */
interface Answer {
  method: string;
  url: URL;
  /** The request headers the client sent. */
  sent: Headers;
  status: number;
  headers: Headers;
  body: string;
}

let emulator: EnnovInsightEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EnnovInsightEmulatorOptions = {}) {
  emulator = await startEnnovInsightEmulator(options);
  return emulator;
}

/** A client whose traffic goes through a real fetch that also keeps a copy of every answer. */
function recordedClient(server: EnnovInsightEmulator, extra: Partial<EnnovInsightClientOptions> = {}) {
  const answers: Answer[] = [];
  const client = createEnnovInsightClient({
    ...DEMO,
    baseUrl: server.url,
    loginUrl: server.loginUrl,
    ...extra,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const body = await response.clone().text();
      const sent = new Headers(init?.headers);
      answers.push({ method: init?.method ?? "GET", url: new URL(String(input)), sent, status: response.status, headers: response.headers, body });
      return response;
    },
  });
  return { client, answers };
}

function answerTo(answers: readonly Answer[], method: string, path: string, nth = 0): Answer {
  const found = answers.filter((answer) => answer.method === method && answer.url.pathname === path)[nth];
  if (!found) throw new Error(`no answer #${nth} to ${method} ${path}`);
  return found;
}

function setCookie(answer: Answer, name: string): string | undefined {
  const line = answer.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(";")[0];
}

const readAll = { body: { queryFor: {} } } as const;

describe("the handshake", () => {
  it("runs Azure token → token → login → call, each with the cookie and CSRF token of the step before", async () => {
    const server = await start();
    const { client, answers } = recordedClient(server);
    const { data, response } = await client.POST("/insight/api/v2/event/read", readAll);
    expect(response.status).toBe(200);
    expect(data?.length).toBe(server.events.length);

    const [azure, token, login, call, ...rest] = server.requests;
    expect([azure?.route, token?.route, login?.route, call?.route]).toEqual([AZURE_TOKEN, TOKEN, LOGIN, READ_EVENTS]);
    expect(rest).toHaveLength(0);

    // 1. Entra ID: the password grant, form-encoded, client secret in the body.
    expect(azure?.path).toBe(`/${DEMO.tenantId}/oauth2/v2.0/token`);
    expect(azure?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(azure?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: "password",
      client_id: DEMO.clientId,
      client_secret: DEMO.clientSecret,
      scope: `${DEMO.clientId}/.default openid`,
      username: DEMO.username,
      password: DEMO.password,
    });
    expect(azure?.headers.authorization).toBeUndefined();
    const accessToken = (JSON.parse(answerTo(answers, "POST", azure!.path).body) as { access_token: string }).access_token;

    // 2. A fresh pre-login session: nothing session-like is sent.
    expect(token?.headers.cookie).toBeUndefined();
    expect(token?.headers["x-csrf-token"]).toBeUndefined();
    const tokenAnswer = answerTo(answers, "GET", "/insight/api/v2/token");
    const preLoginId = (JSON.parse(tokenAnswer.body) as { xAuthToken: string }).xAuthToken;
    const preLoginCsrf = tokenAnswer.headers.get("x-csrf-token");
    expect(preLoginId).toMatch(/^[0-9A-F]{32}$/);
    expect(preLoginCsrf).toBeTruthy();

    // 3. Login: the pre-login session's cookie and CSRF token, the Azure token in a JSON body.
    expect(login?.headers.cookie).toBe(`JSESSIONID=${preLoginId}`);
    expect(login?.headers["x-csrf-token"]).toBe(preLoginCsrf);
    expect(login?.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(login?.body ?? "")).toEqual({ access_token: accessToken, token_type: "Bearer" });
    const loginAnswer = answerTo(answers, "POST", "/insight/api/v2/login");
    const sessionId = setCookie(loginAnswer, "JSESSIONID");
    const sessionCsrf = loginAnswer.headers.get("x-csrf-token");
    expect(sessionId).toMatch(/^[0-9A-F]{32}$/);
    expect(sessionId).not.toBe(preLoginId);
    expect(sessionCsrf).not.toBe(preLoginCsrf);

    // 4. The call: the session Set-Cookie moved to, the CSRF token login issued, nothing else.
    expect(call?.headers.cookie).toBe(`JSESSIONID=${sessionId}`);
    expect(call?.headers["x-csrf-token"]).toBe(sessionCsrf);
    expect(call?.query).toEqual({});
    expect(call?.headers.authorization).toBeUndefined();
    expect(server.sessionCounts).toEqual({ anonymous: 0, authenticated: 1 });
  });

  it("makes one Azure token request and one handshake for 50 concurrent first calls", async () => {
    const server = await start();
    const { client } = recordedClient(server);
    const results = await Promise.all(Array.from({ length: 50 }, () => client.POST("/insight/api/v2/event/read", readAll)));
    expect(results.map((result) => result.response.status)).toEqual(Array.from({ length: 50 }, () => 200));
    expect(server.count(AZURE_TOKEN)).toBe(1);
    expect(server.count(TOKEN)).toBe(1);
    expect(server.count(LOGIN)).toBe(1);
    expect(server.count(READ_EVENTS)).toBe(50);
    // Every call carried the one session, and none arrived before the handshake ended.
    const calls = server.requests.filter((request) => request.route === READ_EVENTS);
    expect(new Set(calls.map((request) => `${request.headers.cookie} ${request.headers["x-csrf-token"]}`)).size).toBe(1);
    expect(server.requests.slice(0, 3).map((request) => request.route)).toEqual([AZURE_TOKEN, TOKEN, LOGIN]);
    expect(server.sessionCounts).toEqual({ anonymous: 0, authenticated: 1 });
  });

  it("never sends a pre-login CSRF token on a call, across re-logins", async () => {
    const server = await start();
    const { client, answers } = recordedClient(server);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(Array.from({ length: 5 }, () => client.POST("/insight/api/v2/event/read", readAll)));
      expect(results.every((result) => result.response.status === 200)).toBe(true);
      server.expireSessions();
    }
    const preLogin = answers.filter((answer) => answer.url.pathname === "/insight/api/v2/token").map((answer) => answer.headers.get("x-csrf-token"));
    const issued = answers.filter((answer) => answer.url.pathname === "/insight/api/v2/login").map((answer) => answer.headers.get("x-csrf-token"));
    expect(preLogin).toHaveLength(3);
    expect(issued).toHaveLength(3);
    const calls = server.requests.filter((request) => request.route === READ_EVENTS);
    for (const call of calls) {
      expect(preLogin).not.toContain(call.headers["x-csrf-token"]);
      expect(issued).toContain(call.headers["x-csrf-token"]);
    }
    // The accepted calls carried each login's token in turn.
    const accepted = answers.filter((answer) => answer.url.pathname === "/insight/api/v2/event/read" && answer.status === 200);
    expect(accepted).toHaveLength(15);
    expect(new Set(accepted.map((answer) => answer.sent.get("x-csrf-token")))).toEqual(new Set(issued));
  });
});

describe("the Entra ID authority", () => {
  it("sends token requests to loginUrl only, never to baseUrl", async () => {
    const server = await start();
    const { client, answers } = recordedClient(server);
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    server.expireSessions();
    server.expireTokens();
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);

    const login = new URL(server.loginUrl);
    const insight = new URL(server.url);
    expect(login.host).not.toBe(insight.host);
    const tokenAnswers = answers.filter((answer) => answer.url.pathname.endsWith("/oauth2/v2.0/token"));
    expect(tokenAnswers.length).toBeGreaterThanOrEqual(2);
    for (const answer of tokenAnswers) expect(answer.url.origin).toBe(login.origin);
    for (const request of server.requests) {
      const isTokenRequest = request.route === AZURE_TOKEN;
      expect(request.headers.host).toBe(isTokenRequest ? login.host : insight.host);
    }
  });

  it("builds the token URL from a sovereign-cloud loginUrl, and from the public cloud by default", async () => {
    const seen: string[] = [];
    const offline = async (input: string | URL | Request) => {
      seen.push(String(input));
      throw new TypeError("offline test: no network");
    };
    const base = { ...DEMO, baseUrl: "https://insight.example.com", maxRetries: 0, fetch: offline };
    await expect(createEnnovInsightClient({ ...base, loginUrl: "https://login.microsoftonline.us" }).POST("/insight/api/v2/event/read", readAll)).rejects.toThrow();
    await expect(createEnnovInsightClient(base).POST("/insight/api/v2/event/read", readAll)).rejects.toThrow();
    expect(seen).toEqual([
      `https://login.microsoftonline.us/${DEMO.tenantId}/oauth2/v2.0/token`,
      `https://login.microsoftonline.com/${DEMO.tenantId}/oauth2/v2.0/token`,
    ]);
  });
});
