import { setTimeout as sleep } from "node:timers/promises";
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { FORTIAUTHENTICATOR_DEMO as demo, startFortiAuthenticatorEmulator } from "../src/index.js";
import type { FortiAuthenticatorEmulator } from "../src/index.js";

const TOKEN = "/api/v1/oauth/token/";
const app = { client_id: demo.publicApp.clientId };
const basic = `Basic ${Buffer.from(`${demo.admin.username}:${demo.admin.accessKey}`).toString("base64")}`;

let emulator: FortiAuthenticatorEmulator;
let dispatcher: Agent;

beforeAll(async () => {
  emulator = await startFortiAuthenticatorEmulator({ users: 10, pushTimeoutMs: 300 });
  dispatcher = new Agent({ connect: { ca: emulator.ca } });
});
afterAll(async () => {
  await dispatcher.close();
  await emulator.close();
});
beforeEach(() => emulator.reset());

async function call(target: FortiAuthenticatorEmulator, agent: Agent, method: string, path: string, body?: unknown, auth?: string) {
  const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
  if (auth) headers["Authorization"] = auth;
  const res = await fetch(`${target.url}${path}`, { dispatcher: agent, method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Record<string, string> };
}

const signIn = (username: string, answer: Record<string, string> = {}) =>
  call(emulator, dispatcher, "POST", TOKEN, { grant_type: "password", ...app, username, password: demo.password, ...answer });
const poll = (session: string, target = emulator, agent = dispatcher) => call(target, agent, "GET", `/api/v1/pushpoll/?s=${session}`);

describe("OTP challenges", () => {
  it.each([
    ["ftm", demo.users.ftm],
    ["ftk", demo.users.ftk],
    ["email", demo.users.email],
    ["sms", demo.users.sms],
  ])("answers 406 for a %s user and accepts the code on the repeated request", async (method, username) => {
    const first = await signIn(username);
    expect(first).toEqual({ status: 406, json: { challenge: "otp", method, status: "pending" } });
    const answered = await signIn(username, { challenge: "otp", challenge_response: emulator.currentOtp(username), method });
    expect(answered.status).toBe(200);
    expect(answered.json["access_token"]).toMatch(/^[A-Za-z0-9]{30}$/);
  });

  it("refuses a wrong code, a method that does not match the token, and an answer without method", async () => {
    const wrong = await signIn(demo.users.ftm, { challenge: "otp", challenge_response: "000000x", method: "ftm" });
    expect(wrong).toEqual({ status: 401, json: { error: "invalid_grant", error_description: "Invalid token code." } });
    const otherMethod = await signIn(demo.users.ftm, { challenge: "otp", challenge_response: emulator.currentOtp(demo.users.ftm), method: "sms" });
    expect(otherMethod.status).toBe(401);
    const noMethod = await signIn(demo.users.ftm, { challenge: "otp", challenge_response: emulator.currentOtp(demo.users.ftm) });
    expect(noMethod).toMatchObject({ status: 400, json: { error: "invalid_request" } });
  });

  it("uses an e-mail code once", async () => {
    await signIn(demo.users.email);
    const code = emulator.currentOtp(demo.users.email);
    expect((await signIn(demo.users.email, { challenge: "otp", challenge_response: code, method: "email" })).status).toBe(200);
    expect((await signIn(demo.users.email, { challenge: "otp", challenge_response: code, method: "email" })).status).toBe(401);
  });
});

describe("FortiToken Mobile push", () => {
  it("stays pending until the user approves, then hands out the code the token request needs", async () => {
    const challenge = await signIn(demo.users.push);
    expect(challenge).toEqual({ status: 406, json: { challenge: "otp", method: "ftm-push", session: expect.stringMatching(/^[0-9a-f]{32}$/), status: "pending" } });
    const session = challenge.json["session"]!;
    expect((await poll(session)).json).toEqual({ challenge: "otp", method: "ftm-push", session, status: "pending" });
    expect((await poll(session)).json["status"]).toBe("pending");
    expect(emulator.pendingPush(demo.users.push)).toBe(session);

    expect(emulator.approvePush(demo.users.push)).toBe(true);
    const approved = await poll(session);
    expect(approved.json).toEqual({ challenge: "otp", challenge_response: expect.stringMatching(/^[A-Za-z0-9]{20}$/), method: "ftm-push", session, status: "success" });

    const answer = { challenge: "otp", challenge_response: approved.json["challenge_response"]!, method: "ftm-push", session };
    expect((await signIn(demo.users.push, answer)).status).toBe(200);
    expect((await signIn(demo.users.push, answer)).status).toBe(401);
    expect((await poll(session)).status).toBe(404);
  });

  it("approves by itself on the configured poll", async () => {
    const auto = await startFortiAuthenticatorEmulator({ users: 7, pushAutoApproveAfterPolls: 3 });
    const agent = new Agent({ connect: { ca: auto.ca } });
    try {
      const challenge = await call(auto, agent, "POST", TOKEN, { grant_type: "password", ...app, username: demo.users.push, password: demo.password });
      const session = challenge.json["session"]!;
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await poll(session, auto, agent)).json["status"]);
      expect(statuses).toEqual(["pending", "pending", "success"]);
    } finally {
      await agent.close();
      await auto.close();
    }
  });

  it("reports a refusal", async () => {
    const session = (await signIn(demo.users.push)).json["session"]!;
    expect(emulator.refusePush(demo.users.push)).toBe(true);
    expect((await poll(session)).json).toEqual({ challenge: "otp", method: "ftm-push", session, status: "denied" });
    expect(emulator.approvePush(demo.users.push)).toBe(false);
  });

  it("times out when nobody answers", async () => {
    const session = (await signIn(demo.users.push)).json["session"]!;
    await sleep(320);
    expect((await poll(session)).json["status"]).toBe("timeout");
    expect(emulator.pendingPush(demo.users.push)).toBeUndefined();
  });

  it("lets a push user type the FortiToken Mobile code instead", async () => {
    await signIn(demo.users.push);
    const typed = await signIn(demo.users.push, { challenge: "otp", challenge_response: emulator.currentOtp(demo.users.push), method: "ftm" });
    expect(typed.status).toBe(200);
  });

  it("needs no credential to poll, refuses an admin key, and answers 404 for an unknown session", async () => {
    const session = (await signIn(demo.users.push)).json["session"]!;
    expect((await call(emulator, dispatcher, "GET", `/api/v1/pushpoll/?s=${session}`, undefined, basic)).status).toBe(403);
    expect((await poll("0".repeat(32))).status).toBe(404);
    expect((await call(emulator, dispatcher, "GET", "/api/v1/pushpoll/")).status).toBe(400);
  });
});

describe("POST /api/v1/pushauth/", () => {
  const pushAuth = (username: string) => call(emulator, dispatcher, "POST", "/api/v1/pushauth/", { username, user_ip: "198.51.100.7" }, basic);

  it("waits for the user: 200 approved, 401 denied, 503 no answer", async () => {
    const approved = pushAuth(demo.users.push);
    await vi.waitFor(() => expect(emulator.approvePush(demo.users.push)).toBe(true), { interval: 5 });
    expect(await approved).toEqual({ status: 200, json: undefined });

    const denied = pushAuth(demo.users.push);
    await vi.waitFor(() => expect(emulator.refusePush(demo.users.push)).toBe(true), { interval: 5 });
    expect((await denied).status).toBe(401);

    const silent = await pushAuth(demo.users.ftm);
    expect(silent).toMatchObject({ status: 503, json: { error: expect.any(String) } });
  });

  it("answers 404 for an unknown user or one without FortiToken Mobile", async () => {
    expect((await pushAuth("nobody")).status).toBe(404);
    expect((await pushAuth(demo.users.sms)).status).toBe(404);
  });
});
