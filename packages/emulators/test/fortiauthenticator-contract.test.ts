import { Agent, fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FORTIAUTHENTICATOR_DEMO as demo, startFortiAuthenticatorEmulator } from "../src/index.js";
import type { FortiAuthenticatorEmulator } from "../src/index.js";
import { loadSpec } from "./support/spec-schema.js";

/** Every answer the emulator gives must match specs/fortiauthenticator/openapi.yaml. */
const spec = loadSpec("fortiauthenticator");
const ADMIN = `Basic ${Buffer.from(`${demo.admin.username}:${demo.admin.accessKey}`).toString("base64")}`;
const app = { client_id: demo.publicApp.clientId };

let emulator: FortiAuthenticatorEmulator;
let dispatcher: Agent;

beforeAll(async () => {
  emulator = await startFortiAuthenticatorEmulator({ users: 25, pushTimeoutMs: 200 });
  dispatcher = new Agent({ connect: { ca: emulator.ca } });
});
afterAll(async () => {
  await dispatcher.close();
  await emulator.close();
});

/** Calls `path` and checks the answer against `method specPath` for `status`; returns the body. */
async function conforms(method: string, specPath: string, status: number, path: string, body?: unknown, auth: string | null = ADMIN): Promise<any> {
  const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
  if (auth) headers["Authorization"] = auth;
  const res = await fetch(`${emulator.url}${path}`, { dispatcher, method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const value = text === "" ? undefined : (JSON.parse(text) as unknown);
  expect(spec.checkResponse(method, specPath, status, value)).toEqual([]);
  return value;
}

describe("answers match the OpenAPI document", () => {
  it("OAuth: token, challenge, push poll, verify", async () => {
    const T = "/api/v1/oauth/token/";
    const pair = await conforms("POST", T, 200, T, { grant_type: "password", ...app, username: "alice", password: demo.password }, null);
    await conforms("POST", T, 200, T, { grant_type: "refresh_token", ...app, refresh_token: pair.refresh_token }, null);
    await conforms("POST", T, 400, T, { grant_type: "refresh_token", ...app, refresh_token: pair.refresh_token }, null);
    await conforms("POST", T, 401, T, { grant_type: "password", ...app, username: "alice", password: "wrong" }, null);
    await conforms("POST", T, 406, T, { grant_type: "password", ...app, username: demo.users.ftm, password: demo.password }, null);
    const push = await conforms("POST", T, 406, T, { grant_type: "password", ...app, username: demo.users.push, password: demo.password }, null);

    const P = "/api/v1/pushpoll/";
    await conforms("GET", P, 200, `${P}?s=${push.session}`, undefined, null);
    emulator.approvePush(demo.users.push);
    await conforms("GET", P, 200, `${P}?s=${push.session}`, undefined, null);
    await conforms("GET", P, 400, P, undefined, null);
    await conforms("GET", P, 403, `${P}?s=${push.session}`);
    await conforms("GET", P, 404, `${P}?s=unknown`, undefined, null);
    const refused = await conforms("POST", T, 406, T, { grant_type: "password", ...app, username: demo.users.push, password: demo.password }, null);
    emulator.refusePush(demo.users.push);
    await conforms("GET", P, 200, `${P}?s=${refused.session}`, undefined, null);

    const V = "/api/v1/oauth/verify_token/";
    const fresh = await conforms("POST", T, 200, T, { grant_type: "password", ...app, username: "alice", password: demo.password }, null);
    await conforms("GET", V, 200, `${V}?client_id=${app.client_id}`, undefined, `Bearer ${fresh.access_token}`);
    await conforms("GET", V, 400, V, undefined, `Bearer ${fresh.access_token}`);
    await conforms("GET", V, 401, `${V}?client_id=${app.client_id}`, undefined, "Bearer nope");
  });

  it("the API root and local users", async () => {
    await conforms("GET", "/api/v1/", 200, "/api/v1/");
    await conforms("GET", "/api/v1/", 401, "/api/v1/", undefined, null);
    const L = "/api/v1/localusers/";
    const D = "/api/v1/localusers/{id}/";
    await conforms("GET", L, 200, `${L}?limit=100`);
    await conforms("GET", L, 400, `${L}?city=Berlin`);
    await conforms("GET", L, 401, L, undefined, "Basic eDp5");
    await conforms("POST", L, 201, L, { username: "contract.user", email: "contract.user@example.com", token_auth: true, token_type: "email" });
    await conforms("POST", L, 400, L, { username: "contract.user" });
    await conforms("GET", D, 200, "/api/v1/localusers/26/");
    await conforms("GET", D, 404, "/api/v1/localusers/999/");
    await conforms("PATCH", D, 202, "/api/v1/localusers/26/", { first_name: "Contract" });
    await conforms("PATCH", D, 400, "/api/v1/localusers/26/", { country: "Canada" });
    await conforms("DELETE", D, 204, "/api/v1/localusers/26/");
  });

  it("groups, FortiTokens and RADIUS clients", async () => {
    const G = "/api/v1/usergroups/";
    const GD = "/api/v1/usergroups/{id}/";
    await conforms("GET", G, 200, G);
    await conforms("POST", G, 201, G, { name: "contract-group", users: ["/api/v1/localusers/1/"] });
    await conforms("GET", GD, 200, "/api/v1/usergroups/1/");
    await conforms("PUT", GD, 202, "/api/v1/usergroups/1/", { name: "renamed", users: [] });
    await conforms("PATCH", GD, 202, "/api/v1/usergroups/1/", { users: ["/api/v1/localusers/2/"] });
    await conforms("DELETE", GD, 204, "/api/v1/usergroups/1/");

    await conforms("GET", "/api/v1/fortitokens/", 200, "/api/v1/fortitokens/?limit=50");
    await conforms("GET", "/api/v1/fortitokens/{id}/", 200, "/api/v1/fortitokens/1/");
    await conforms("GET", "/api/v1/fortitokens/{id}/", 404, "/api/v1/fortitokens/0/");
    const tokens = (await conforms("GET", "/api/v1/fortitokens/", 200, "/api/v1/fortitokens/?limit=1000")) as { objects: Array<{ id: number; status: string }> };
    const free = tokens.objects.find((t) => t.status === "available")!;
    const held = tokens.objects.find((t) => t.status === "assigned")!;
    await conforms("DELETE", "/api/v1/fortitokens/{id}/", 400, `/api/v1/fortitokens/${held.id}/`);
    await conforms("DELETE", "/api/v1/fortitokens/{id}/", 204, `/api/v1/fortitokens/${free.id}/`);
    await conforms("DELETE", "/api/v1/fortitokens/{id}/", 404, `/api/v1/fortitokens/${free.id}/`);

    const R = "/api/v1/radiusclients/";
    const RD = "/api/v1/radiusclients/{id}/";
    await conforms("GET", R, 200, R);
    await conforms("POST", R, 201, R, { name: "contract-radius", address: "192.0.2.1", secret: "not-a-real-secret" });
    await conforms("GET", RD, 200, "/api/v1/radiusclients/1/");
    await conforms("PUT", RD, 202, "/api/v1/radiusclients/1/", { name: "fgt-hq", address: "10.0.0.2", secret: "not-a-real-secret", disconnect: true });
    await conforms("DELETE", RD, 204, "/api/v1/radiusclients/1/");
  });

  it("credential checks", async () => {
    await conforms("POST", "/api/v1/auth/", 200, "/api/v1/auth/", { username: "alice", password: demo.password });
    await conforms("POST", "/api/v1/auth/", 400, "/api/v1/auth/", { username: "alice" });
    await conforms("POST", "/api/v1/auth/", 401, "/api/v1/auth/", { username: "alice", password: "wrong" });
    const approved = conforms("POST", "/api/v1/pushauth/", 200, "/api/v1/pushauth/", { username: demo.users.push });
    await vi.waitFor(() => expect(emulator.approvePush(demo.users.push)).toBe(true), { interval: 5 });
    await approved;
    await conforms("POST", "/api/v1/pushauth/", 404, "/api/v1/pushauth/", { username: "nobody" });
    await conforms("POST", "/api/v1/pushauth/", 503, "/api/v1/pushauth/", { username: demo.users.ftm });
  });

  it("default bodies of injected faults", async () => {
    emulator.injectFault({ path: "/api/v1/localusers/", status: 500 });
    await conforms("GET", "/api/v1/localusers/", 500, "/api/v1/localusers/");
  });
});
