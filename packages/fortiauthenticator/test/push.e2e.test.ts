import { inspect } from "node:util";
import type { FortiAuthenticatorEmulator } from "@secfetch/emulators";
import { describe, expect, it } from "vitest";
import { AuthenticationError, createFortiAuthenticatorClient, TimeoutError, type SecfetchEvent } from "../src/index.js";
import { DEMO, lifecycle, POLL_ROUTE, secretsSeen, startEmulator, TOKEN_ROUTE, tokenBodies } from "./support.js";

// The spec polls every 2 s, so each test here waits one or two real intervals. They run
// side by side, each with its own emulator.

function pushClient(server: FortiAuthenticatorEmulator, onEvent?: (event: SecfetchEvent) => void) {
  return createFortiAuthenticatorClient({
    baseUrl: server.url,
    ca: server.ca,
    ...DEMO.confidentialApp,
    username: DEMO.users.push,
    password: DEMO.password,
    onChallenge: () => {
      throw new Error("a push sign-in must not ask for a code");
    },
    ...(onEvent ? { onEvent } : {}),
  });
}

/** Calls `answer` once the user's push is pending and the client has polled it `polls` times. */
function phone(server: FortiAuthenticatorEmulator, polls: number, answer: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (server.count(POLL_ROUTE) >= polls && server.pendingPush(DEMO.users.push) && answer()) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
}

describe.concurrent("ftm-push: the client polls /api/v1/pushpoll/ itself", () => {
  it("approved on the third poll: the answer carries the session and the approval code", async (context) => {
    const server = await startEmulator({ pushAutoApproveAfterPolls: 3 }, context);
    const api = pushClient(server);
    expect((await api.GET("/api/v1/")).response.status).toBe(200);
    expect(server.count(POLL_ROUTE)).toBe(3);
    expect(server.count(TOKEN_ROUTE)).toBe(2);

    const polls = server.requests.filter((request) => request.route === POLL_ROUTE);
    const session = polls[0]?.query.s;
    expect(session).toMatch(/^[0-9a-f]{32}$/);
    expect(polls.every((poll) => poll.query.s === session && poll.headers.authorization === undefined)).toBe(true);
    const answer = tokenBodies(server)[1];
    expect(answer).toMatchObject({ grant_type: "password", username: "carol", challenge: "otp", method: "ftm-push", session });
    expect(answer?.challenge_response).toBeTruthy();
  });

  it("approved from the phone after the first poll: two polls, one interval", async (context) => {
    const server = await startEmulator({}, context);
    const api = pushClient(server);
    const started = Date.now();
    const [{ response }] = await Promise.all([api.GET("/api/v1/"), phone(server, 1, () => server.approvePush(DEMO.users.push))]);
    expect(response.status).toBe(200);
    expect(server.count(POLL_ROUTE)).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it("refused on the phone: AuthenticationError push_refused, no answer sent, nothing secret in it", async (context) => {
    const server = await startEmulator({}, context);
    const events: SecfetchEvent[] = [];
    const api = pushClient(server, (event) => events.push(event));
    const [error] = await Promise.all([api.GET("/api/v1/").catch((caught: unknown) => caught), phone(server, 1, () => server.refusePush(DEMO.users.push))]);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "push_refused", status: undefined });
    expect((error as Error).message).toContain("(denied)");
    expect(server.count(TOKEN_ROUTE)).toBe(1);
    expect(lifecycle(events).map((event) => event.type)).toEqual(["token.failed"]);
    const texts = [JSON.stringify(error), inspect(error, { depth: 10 }), JSON.stringify(events)];
    for (const secret of secretsSeen(server)) for (const text of texts) expect(text).not.toContain(secret);
  });

  it("timed out on the appliance (pushpoll says `timeout`): TimeoutError, as the spec's timedOutWhen lists it", async (context) => {
    const server = await startEmulator({ pushTimeoutMs: 1_000 }, context);
    const api = pushClient(server);
    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain("(timeout)");
    expect(server.count(TOKEN_ROUTE)).toBe(1);
  });

  it("the caller's AbortSignal stops the polling: nobody waits, so the appliance is not asked again", async (context) => {
    const server = await startEmulator({}, context);
    const api = createFortiAuthenticatorClient({
      baseUrl: server.url,
      ca: server.ca,
      ...DEMO.confidentialApp,
      username: DEMO.users.push,
      password: DEMO.password,
      pushPollIntervalMs: 50,
    });
    const controller = new AbortController();
    const call = api.GET("/api/v1/", { signal: controller.signal }).catch((caught: unknown) => caught);
    await phone(server, 2, () => true);
    controller.abort(new Error("the user closed the prompt"));
    expect(await call).toEqual(new Error("the user closed the prompt"));
    const polls = server.count(POLL_ROUTE);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // At most a poll already on the wire when the signal fired; none after it.
    expect(server.count(POLL_ROUTE)).toBeLessThanOrEqual(polls + 1);
    expect(server.count(TOKEN_ROUTE)).toBe(1);
  });

  it("a push session the appliance no longer knows (404 on the poll) ends the sign-in", async (context) => {
    const server = await startEmulator({}, context);
    const api = pushClient(server);
    const [error] = await Promise.all([api.GET("/api/v1/").catch((caught: unknown) => caught), phone(server, 1, () => (server.reset(), true))]);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "push_refused", status: 404 });
  });
});
