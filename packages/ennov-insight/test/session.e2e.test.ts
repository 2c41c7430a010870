import {
  ENNOV_INSIGHT_AZURE_TOKEN_ROUTE as AZURE_TOKEN,
  ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO,
  startEnnovInsightEmulator,
  type EnnovInsightEmulator,
  type EnnovInsightEmulatorOptions,
} from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import { createEnnovInsightClient, type EnnovInsightClientOptions, type SecfetchEvent } from "../src/index.js";

const TOKEN = "GET /insight/api/v2/token";
const LOGIN = "POST /insight/api/v2/login";
const READ_EVENTS = "POST /insight/api/v2/event/read";
const readAll = { body: { queryFor: {} } } as const;

/** One answer the client's fetch received (the emulator logs only requests). */
interface Answer {
  path: string;
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

function recordedClient(server: EnnovInsightEmulator, extra: Partial<EnnovInsightClientOptions> = {}) {
  const answers: Answer[] = [];
  const events: SecfetchEvent[] = [];
  const client = createEnnovInsightClient({
    ...DEMO,
    baseUrl: server.url,
    loginUrl: server.loginUrl,
    onEvent: (event) => events.push(event),
    ...extra,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      answers.push({ path: new URL(String(input)).pathname, status: response.status, headers: response.headers, body: await response.clone().text() });
      return response;
    },
  });
  return { client, answers, events };
}

const handshakes = (server: EnnovInsightEmulator) => ({ azure: server.count(AZURE_TOKEN), token: server.count(TOKEN), login: server.count(LOGIN) });
const calls = (server: EnnovInsightEmulator) => server.requests.filter((request) => request.route === READ_EVENTS);
const lastCall = (server: EnnovInsightEmulator) => calls(server).at(-1);

describe("an expired session", () => {
  it("is replaced by exactly one re-login, and the call is answered", async () => {
    const server = await start();
    const { client, events } = recordedClient(server);
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    server.expireSessions();
    const { response, data } = await client.POST("/insight/api/v2/event/read", readAll);
    expect(response.status).toBe(200);
    expect(data?.length).toBe(server.events.length);
    // The Azure token was still good: only InSight's two steps ran again.
    expect(handshakes(server)).toEqual({ azure: 1, token: 2, login: 2 });
    expect(calls(server)).toHaveLength(3);
    expect(events.filter((event) => event.type === "request.replay")).toEqual([
      { type: "request.replay", method: "POST", url: `${server.url}/insight/api/v2/event/read`, status: 401 },
    ]);
  });

  it("is replaced once for 20 concurrent calls, none of them failing", async () => {
    const server = await start();
    const { client } = recordedClient(server);
    await client.POST("/insight/api/v2/event/read", readAll);
    server.expireSessions();
    const results = await Promise.all(Array.from({ length: 20 }, () => client.POST("/insight/api/v2/event/read", readAll)));
    expect(results.map((result) => result.response.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(handshakes(server)).toEqual({ azure: 1, token: 2, login: 2 });
    expect(server.sessionCounts).toEqual({ anonymous: 0, authenticated: 1 });
  });

  it("is replaced when the server answers 403 (a CSRF token it no longer knows)", async () => {
    const server = await start();
    const { client } = recordedClient(server);
    await client.POST("/insight/api/v2/event/read", readAll);
    server.injectFault({ path: "/insight/api/v2/event/read", status: 403, count: 1 });
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    expect(handshakes(server)).toEqual({ azure: 1, token: 2, login: 2 });
  });
});

describe("csrfIn: query", () => {
  it("sends _csrf as a query parameter and no X-CSRF-TOKEN header, through a re-login too", async () => {
    const server = await start();
    const { client, answers } = recordedClient(server, { csrfIn: "query" });
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    server.expireSessions();
    expect((await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id: 46001 } } })).response.status).toBe(200);

    const logins = answers.filter((answer) => answer.path === "/insight/api/v2/login");
    expect(logins).toHaveLength(2);
    const entityCalls = server.requests.filter((request) => request.route?.startsWith("POST /insight/api/v2/event/"));
    expect(entityCalls).toHaveLength(3);
    for (const call of entityCalls) {
      expect(call.headers["x-csrf-token"]).toBeUndefined();
      expect(typeof call.query["_csrf"]).toBe("string");
      expect(call.headers.cookie).toMatch(/^JSESSIONID=[0-9A-F]{32}$/);
    }
    // The first call and the refused attempt used login 1's token; the replay carries login 2's, once.
    const csrfOf = (answer: Answer | undefined) => answer?.headers.get("x-csrf-token");
    expect(entityCalls.map((call) => call.query["_csrf"])).toEqual([csrfOf(logins[0]), csrfOf(logins[0]), csrfOf(logins[1])]);
  });
});

describe("server variants", () => {
  it("works with a legacy server answering { token }", async () => {
    const server = await start({ legacyTokenField: true });
    const { client, answers } = recordedClient(server);
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    const preLogin = JSON.parse(answers.find((answer) => answer.path === "/insight/api/v2/token")?.body ?? "{}") as Record<string, string>;
    expect(preLogin).toEqual({ token: expect.stringMatching(/^[0-9A-F]{32}$/) });
    expect(server.requests.find((request) => request.route === LOGIN)?.headers.cookie).toBe(`JSESSIONID=${preLogin["token"]}`);
  });

  it("keeps the xAuthToken as the session id when login sends no Set-Cookie", async () => {
    const server = await start({ sendSetCookie: false });
    const { client, answers } = recordedClient(server);
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    const tokenAnswer = answers.find((answer) => answer.path === "/insight/api/v2/token");
    const loginAnswer = answers.find((answer) => answer.path === "/insight/api/v2/login");
    expect(loginAnswer?.headers.getSetCookie()).toEqual([]);
    const id = (JSON.parse(tokenAnswer?.body ?? "{}") as { xAuthToken?: string }).xAuthToken;
    expect(lastCall(server)?.headers.cookie).toBe(`JSESSIONID=${id}`);
    expect(lastCall(server)?.headers["x-csrf-token"]).toBe(loginAnswer?.headers.get("x-csrf-token"));
    expect(lastCall(server)?.headers["x-csrf-token"]).not.toBe(tokenAnswer?.headers.get("x-csrf-token"));
  });

  it("works with a legacy server that sends no Set-Cookie either", async () => {
    const server = await start({ legacyTokenField: true, sendSetCookie: false });
    const { client } = recordedClient(server);
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    server.expireSessions();
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    expect(handshakes(server)).toEqual({ azure: 1, token: 2, login: 2 });
  });

  it("moves to the id of login's Set-Cookie when there is one", async () => {
    const server = await start({ sendSetCookie: true });
    const { client, answers } = recordedClient(server);
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    const preLogin = (JSON.parse(answers.find((answer) => answer.path === "/insight/api/v2/token")?.body ?? "{}") as { xAuthToken?: string }).xAuthToken;
    const cookie = answers.find((answer) => answer.path === "/insight/api/v2/login")?.headers.getSetCookie()[0] ?? "";
    const moved = /^JSESSIONID=([0-9A-F]{32});/.exec(cookie)?.[1];
    expect(moved).toBeDefined();
    expect(moved).not.toBe(preLogin);
    expect(lastCall(server)?.headers.cookie).toBe(`JSESSIONID=${moved}`);
  });
});

describe("the Azure token", () => {
  it("is not needed by calls a live session serves: Entra ID down past the token's expiry fails no call", async () => {
    const server = await start({ tokenTtlSeconds: 1 });
    const { client, events } = recordedClient(server);
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    server.injectFault({ path: /\/oauth2\/v2\.0\/token$/, status: 503, count: Infinity });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.POST("/insight/api/v2/event/read", readAll)).response.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(handshakes(server)).toMatchObject({ token: 1, login: 1 });
    // The renewal was tried in the background and failed there, without a storm of retries.
    for (const until = Date.now() + 5_000; !events.some((event) => event.type === "token.failed") && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const failed = events.filter((event) => event.type === "token.failed");
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((event) => event.type === "token.failed" && event.background)).toBe(true);
    expect(server.count(AZURE_TOKEN)).toBeLessThanOrEqual(1 + 3 * failed.length);

    // Once the session is gone too, the sign-in failure reaches the caller.
    server.expireSessions();
    await expect(client.POST("/insight/api/v2/event/read", readAll)).rejects.toMatchObject({ name: "AuthenticationError", status: 503 });
  });

  it("is renewed before it expires, and a later re-login uses the fresh one", async () => {
    const server = await start({ tokenTtlSeconds: 2 });
    const { client, answers, events } = recordedClient(server);
    const statuses: number[] = [];
    const refreshes = () => events.filter((event) => event.type === "token.refreshed").length;
    const callFor = async (ms: number, untilRefreshed = false) => {
      const until = Date.now() + ms;
      const before = refreshes();
      while (untilRefreshed ? refreshes() === before : Date.now() < until) {
        statuses.push((await client.POST("/insight/api/v2/event/read", readAll)).response.status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await callFor(3_000);
    // Stop right after a renewal: the emulator floors `exp` to whole seconds, so a token near its
    // end may already be dead there while the client still counts it usable.
    await callFor(0, true);
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(server.count(AZURE_TOKEN)).toBeGreaterThanOrEqual(2);
    expect(events.some((event) => event.type === "token.refreshed")).toBe(true);
    expect(events.filter((event) => event.type === "token.failed" || event.type === "request.replay")).toEqual([]);
    // The session outlives Azure tokens: renewing one does not sign in to InSight again.
    expect(handshakes(server)).toMatchObject({ token: 1, login: 1 });

    // By now the first Azure token has lapsed; a re-login must carry the newest one, first time.
    server.expireSessions();
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    expect(handshakes(server)).toMatchObject({ token: 2, login: 2 });
    const issued = answers.filter((answer) => answer.path.endsWith("/oauth2/v2.0/token")).map((answer) => (JSON.parse(answer.body) as { access_token: string }).access_token);
    const logins = server.requests.filter((request) => request.route === LOGIN).map((request) => (JSON.parse(request.body) as { access_token: string }).access_token);
    expect(logins[0]).toBe(issued[0]);
    expect(logins[1]).toBe(issued.at(-1));
    expect(logins[1]).not.toBe(issued[0]);
  });
});
