import { createHash } from "node:crypto";
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FORTIAUTHENTICATOR_DEMO as demo, startFortiAuthenticatorEmulator } from "../src/index.js";
import type { FortiAuthenticatorEmulator } from "../src/index.js";

const TOKEN = "/api/v1/oauth/token/";
const confidential = { client_id: demo.confidentialApp.clientId, client_secret: demo.confidentialApp.clientSecret };
const publicApp = { client_id: demo.publicApp.clientId };

let emulator: FortiAuthenticatorEmulator;
let dispatcher: Agent;

beforeAll(async () => {
  emulator = await startFortiAuthenticatorEmulator({ users: 10, tokenTtlSeconds: 600 });
  dispatcher = new Agent({ connect: { ca: emulator.ca } });
});
afterAll(async () => {
  await dispatcher.close();
  await emulator.close();
});
beforeEach(() => emulator.reset());

function post(path: string, body: unknown, contentType = "application/json") {
  return fetch(`${emulator.url}${path}`, {
    dispatcher,
    method: "POST",
    headers: { "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function token(body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await post(TOKEN, body);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const password = (username: string, app: Record<string, string> = confidential) =>
  token({ grant_type: "password", ...app, username, password: demo.password });

describe("password grant", () => {
  it("issues a token with a refresh token, as documented", async () => {
    const { status, json } = await password("alice");
    expect(status).toBe(200);
    expect(json).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      expires_in: 600,
      message: "successfully authenticated",
      refresh_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      scope: "read",
      status: "success",
      token_type: "Bearer",
    });
    expect(emulator.count("POST /api/v1/oauth/token/")).toBe(1);
  });

  it("refuses wrong passwords and unknown users alike with 401", async () => {
    const wrong = await token({ grant_type: "password", ...confidential, username: "alice", password: "nope" });
    const unknown = await token({ grant_type: "password", ...confidential, username: "nobody", password: "nope" });
    expect(wrong).toEqual({ status: 401, json: { error: "invalid_grant", error_description: "Invalid credentials given." } });
    expect(unknown).toEqual(wrong);
  });

  it("needs the realm for a remote user", async () => {
    const user = demo.users.remote;
    expect((await token({ grant_type: "password", ...publicApp, username: user, password: demo.password })).status).toBe(401);
    const ok = await token({ grant_type: "password", ...publicApp, username: user, password: demo.password, realm: demo.remoteRealm });
    expect(ok.status).toBe(200);
  });

  it("accepts only JSON: a form body is a 400", async () => {
    const res = await post(TOKEN, `grant_type=password&client_id=${publicApp.client_id}&username=alice&password=x`, "application/x-www-form-urlencoded");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_request" });
  });

  it("rejects a missing or unknown grant", async () => {
    expect((await token({ ...publicApp })).json).toMatchObject({ error: "invalid_request" });
    expect(await token({ grant_type: "client_credentials", ...confidential })).toMatchObject({ status: 400, json: { error: "unsupported_grant_type" } });
  });
});

describe("client authentication", () => {
  it("requires the confidential app's secret on every request", async () => {
    const missing = await token({ grant_type: "password", client_id: confidential.client_id, username: "alice", password: demo.password });
    expect(missing).toMatchObject({ status: 401, json: { error: "invalid_client" } });
    const wrong = await token({ grant_type: "password", ...confidential, client_secret: "wrong", username: "alice", password: demo.password });
    expect(wrong).toMatchObject({ status: 401, json: { error: "invalid_client" } });
    expect(JSON.stringify(wrong.json)).not.toContain(demo.confidentialApp.clientSecret);

    const { json } = await password("alice");
    const refreshWithoutSecret = await token({ grant_type: "refresh_token", client_id: confidential.client_id, refresh_token: json["refresh_token"] });
    expect(refreshWithoutSecret).toMatchObject({ status: 401, json: { error: "invalid_client" } });
    const refresh = await token({ grant_type: "refresh_token", ...confidential, refresh_token: json["refresh_token"] });
    expect(refresh.status).toBe(200);
  });

  it("serves a public app without a secret and refuses one that sends a secret", async () => {
    expect((await password("alice", publicApp)).status).toBe(200);
    expect((await password("alice", { ...publicApp, client_secret: "anything" })).json).toMatchObject({ error: "invalid_client" });
    expect((await password("alice", { client_id: "unknown-app" })).status).toBe(401);
  });
});

describe("refresh tokens rotate", () => {
  it("returns a new refresh token and revokes the old one and its access token", async () => {
    const first = (await password("alice")).json;
    const refreshed = await token({ grant_type: "refresh_token", ...confidential, refresh_token: first["refresh_token"] });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ message: "Token has been refreshed successfully", status: "success", token_type: "Bearer" });
    expect(refreshed.json["refresh_token"]).not.toBe(first["refresh_token"]);

    const reuse = await token({ grant_type: "refresh_token", ...confidential, refresh_token: first["refresh_token"] });
    expect(reuse).toEqual({ status: 400, json: { error: "invalid_grant", error_description: "Invalid refresh token." } });
    expect((await verify(String(first["access_token"]))).status).toBe(401);
    expect((await verify(String(refreshed.json["access_token"]))).status).toBe(200);

    const next = await token({ grant_type: "refresh_token", ...confidential, refresh_token: refreshed.json["refresh_token"] });
    expect(next.status).toBe(200);
  });

  it("does not redeem another application's refresh token", async () => {
    const pair = (await password("alice", publicApp)).json;
    expect((await token({ grant_type: "refresh_token", ...confidential, refresh_token: pair["refresh_token"] })).status).toBe(400);
  });
});

describe("authorization codes", () => {
  it("are good once", async () => {
    const code = emulator.issueAuthorizationCode("alice", { redirectUri: "https://app.example.com/cb" });
    const body = { grant_type: "authorization_code", ...confidential, code, redirect_uri: "https://app.example.com/cb" };
    const first = await token(body);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      access_token: expect.any(String),
      expires_in: 600,
      refresh_token: expect.any(String),
      scope: "read",
      token_type: "Bearer",
    });
    expect(await token(body)).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
  });

  it("must be redeemed with the same redirect URI, and with the PKCE verifier when challenged", async () => {
    const code = emulator.issueAuthorizationCode("bob", { redirectUri: "https://app.example.com/cb" });
    expect((await token({ grant_type: "authorization_code", ...confidential, code })).status).toBe(400);

    const verifier = "a-long-random-verifier-string-of-at-least-43-characters";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const pkce = emulator.issueAuthorizationCode("bob", { clientId: publicApp.client_id, codeChallenge: challenge });
    expect((await token({ grant_type: "authorization_code", ...publicApp, code: pkce, code_verifier: verifier })).status).toBe(200);
  });
});

describe("expiry", () => {
  it("sends expires_in: 0 for an app whose tokens never expire", async () => {
    const forever = await startFortiAuthenticatorEmulator({ users: 7, tokenTtlSeconds: 0 });
    const agent = new Agent({ connect: { ca: forever.ca } });
    try {
      const res = await fetch(`${forever.url}${TOKEN}`, {
        dispatcher: agent,
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ grant_type: "password", ...publicApp, username: "alice", password: demo.password }),
      });
      const json = (await res.json()) as Record<string, unknown>;
      expect(json["expires_in"]).toBe(0);
      const check = await fetch(`${forever.url}/api/v1/oauth/verify_token/?client_id=${publicApp.client_id}`, {
        dispatcher: agent,
        headers: { Authorization: `Bearer ${String(json["access_token"])}` },
      });
      expect(await check.json()).toEqual({ username: "alice", expires_in: 0 });
    } finally {
      await agent.close();
      await forever.close();
    }
  });

  it("expireTokens() ends every access token; the refresh token still works", async () => {
    const pair = (await password("alice")).json;
    emulator.expireTokens();
    expect((await verify(String(pair["access_token"]))).status).toBe(401);
    expect((await token({ grant_type: "refresh_token", ...confidential, refresh_token: pair["refresh_token"] })).status).toBe(200);
  });
});

describe("GET /api/v1/oauth/verify_token/", () => {
  it("returns the user and the seconds left for the token's own application only", async () => {
    const pair = (await password("alice")).json;
    const res = await verify(String(pair["access_token"]));
    expect(await res.json()).toEqual({ username: "alice", expires_in: expect.any(Number) });
    expect((await verify(String(pair["access_token"]), publicApp.client_id)).status).toBe(401);
    const noClient = await fetch(`${emulator.url}/api/v1/oauth/verify_token/`, { dispatcher, headers: { Authorization: `Bearer ${String(pair["access_token"])}` } });
    expect(noClient.status).toBe(400);
  });
});

function verify(accessToken: string, clientId: string = confidential.client_id) {
  return fetch(`${emulator.url}/api/v1/oauth/verify_token/?client_id=${clientId}`, {
    dispatcher,
    headers: { Authorization: `Bearer ${accessToken}` },
  });
}
