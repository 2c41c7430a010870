import { Agent, fetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FORTIAUTHENTICATOR_DEMO as demo, startFortiAuthenticatorEmulator } from "../src/index.js";
import type { FortiAuthenticatorEmulator } from "../src/index.js";

const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString("base64")}`;
const ADMIN = basic(demo.admin.username, demo.admin.accessKey);

let emulator: FortiAuthenticatorEmulator;
let dispatcher: Agent;

beforeAll(async () => {
  emulator = await startFortiAuthenticatorEmulator();
  dispatcher = new Agent({ connect: { ca: emulator.ca } });
});
afterAll(async () => {
  await dispatcher.close();
  await emulator.close();
});
beforeEach(() => emulator.reset());

async function api(method: string, path: string, body?: unknown, auth: string | null = ADMIN, contentType = "application/json") {
  const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": contentType };
  if (auth) headers["Authorization"] = auth;
  const payload = body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) };
  const res = await fetch(`${emulator.url}${path}`, { dispatcher, method, headers, redirect: "manual", ...payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: (text && res.headers.get("content-type") === "application/json" ? JSON.parse(text) : undefined) };
}

describe("TLS", () => {
  it("serves https on 127.0.0.1 with a certificate only the emulator's CA vouches for", async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const error = await fetch(`${emulator.url}/api/v1/`, { headers: { Authorization: ADMIN } }).then(() => undefined, (e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect((await api("GET", "/api/v1/")).status).toBe(200);
    expect(emulator.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });
});

describe("credentials", () => {
  it("accepts the admin access key over Basic and refuses anything else with an empty 401", async () => {
    expect((await api("GET", "/api/v1/localusers/")).status).toBe(200);
    for (const auth of [null, basic(demo.admin.username, "wrong-key"), basic("nobody", demo.admin.accessKey), "Bearer: x", `Bearer ${"x".repeat(30)}`]) {
      const res = await api("GET", "/api/v1/localusers/", undefined, auth);
      expect(res.status).toBe(401);
      expect(res.text).toBe("");
      expect(res.headers.get("www-authenticate")).toBe('Basic Realm="django-tastypie"');
    }
  });

  it("accepts a user's OAuth bearer token until it expires", async () => {
    const res = await api("POST", "/api/v1/oauth/token/", { grant_type: "password", client_id: demo.publicApp.clientId, username: "alice", password: demo.password }, null);
    const bearer = `Bearer ${res.json.access_token as string}`;
    expect((await api("GET", "/api/v1/localusers/?limit=1", undefined, bearer)).status).toBe(200);
    emulator.expireTokens();
    expect((await api("GET", "/api/v1/localusers/?limit=1", undefined, bearer)).status).toBe(401);
  });
});

describe("lists", () => {
  it("pages through 45 users by following the relative meta.next", async () => {
    const seen: string[] = [];
    let next: string | null = "/api/v1/localusers/";
    const metas = [];
    while (next) {
      const page = await api("GET", next);
      expect(page.status).toBe(200);
      metas.push(page.json.meta);
      seen.push(...page.json.objects.map((u: { username: string }) => u.username));
      next = page.json.meta.next;
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(metas.map((m) => m.next)).toEqual(["/api/v1/localusers/?limit=20&offset=20", "/api/v1/localusers/?limit=20&offset=40", null]);
    expect(metas[0]).toEqual({ limit: 20, next: metas[0].next, offset: 0, previous: null, total_count: 45 });
    expect(metas[2].previous).toBe("/api/v1/localusers/?limit=20&offset=20");
  });

  it("caps limit at 1000, reads 0 as 1000, and refuses a negative or non-numeric one", async () => {
    expect((await api("GET", "/api/v1/localusers/?limit=5000")).json.meta.limit).toBe(1000);
    expect((await api("GET", "/api/v1/localusers/?limit=0")).json.meta).toMatchObject({ limit: 1000, next: null });
    expect((await api("GET", "/api/v1/localusers/?limit=-1")).json).toEqual({ error: "Invalid limit '-1' provided. Please provide a positive integer >= 0." });
    expect((await api("GET", "/api/v1/localusers/?offset=x")).status).toBe(400);
  });

  it("filters with Django lookups and keeps the filters in meta.next", async () => {
    const exact = await api("GET", "/api/v1/localusers/?username__exact=bob");
    expect(exact.json.objects.map((u: { username: string }) => u.username)).toEqual(["bob"]);
    const some = await api("GET", "/api/v1/localusers/?id__in=1&id__in=3,5&limit=2");
    expect(some.json.meta).toMatchObject({ total_count: 3, next: "/api/v1/localusers/?id__in=1&id__in=3%2C5&limit=2&offset=2" });
    expect((await api("GET", "/api/v1/localusers/?username__iexact=ALICE")).json.meta.total_count).toBe(1);
    expect((await api("GET", "/api/v1/localusers/?first_name=Ana")).json).toEqual({ error: "The 'first_name' field does not allow filtering." });
    expect((await api("GET", "/api/v1/localusers/?username__startswith=a")).status).toBe(400);
    expect((await api("GET", "/api/v1/localusers/?not_a_field=1")).json.meta.total_count).toBe(45);
  });
});

describe("paths", () => {
  it("redirects a resource path without its trailing slash (APPEND_SLASH) and 404s unknown paths", async () => {
    const redirect = await api("GET", "/api/v1/localusers?limit=2");
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe("/api/v1/localusers/?limit=2");
    const missing = await api("GET", "/api/v2/localusers/");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^text\/html/);
    const wrongMethod = await api("PUT", "/api/v1/localusers/1/", {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, DELETE, PATCH");
  });
});

describe("local users", () => {
  it("creates (201 + Location, empty body), reads, patches (202 + body) and deletes", async () => {
    const created = await api("POST", "/api/v1/localusers/", { username: "new.user", email: "new.user@example.com", password: "pw-not-real", token_auth: true, token_type: "ftm" });
    expect(created.status).toBe(201);
    expect(created.text).toBe("");
    const uri = created.headers.get("location")!;
    expect(uri).toBe("/api/v1/localusers/46/");
    const user = (await api("GET", uri)).json;
    expect(user).toMatchObject({ username: "new.user", token_auth: true, token_type: "ftm", token_serial: expect.stringMatching(/^FTKMOB\d{10}$/) });
    expect(user).not.toHaveProperty("password");

    const patched = await api("PATCH", uri, { active: false });
    expect(patched.status).toBe(202);
    expect(patched.json).toMatchObject({ active: false, reason: 0 });
    expect((await api("DELETE", uri)).status).toBe(204);
    expect((await api("GET", uri)).status).toBe(404);
  });

  it("validates like the appliance", async () => {
    expect((await api("POST", "/api/v1/localusers/", { username: "bad name" })).status).toBe(400);
    expect((await api("POST", "/api/v1/localusers/", { username: "alice" })).json).toEqual({ error: 'A user with username "alice" already exists.' });
    expect((await api("POST", "/api/v1/localusers/", { username: "x1", token_auth: true })).status).toBe(400);
    expect((await api("POST", "/api/v1/localusers/", { username: "x2", token_auth: true, token_type: "sms" })).status).toBe(400);
    const form = await api("POST", "/api/v1/localusers/", "username=x3", ADMIN, "application/x-www-form-urlencoded");
    expect(form.status).toBe(400);
    expect(form.json.error).toContain("had no available deserialization method");
    expect((await api("PATCH", "/api/v1/localusers/1/", { username: "renamed" })).status).toBe(400);
  });
});

describe("groups, tokens and RADIUS clients", () => {
  it("replaces group members with PUT and adds them with PATCH", async () => {
    const created = await api("POST", "/api/v1/usergroups/", { name: "auditors", users: ["/api/v1/localusers/1/"] });
    const uri = created.headers.get("location")!;
    const patched = await api("PATCH", uri, { users: ["/api/v1/localusers/2/"] });
    expect(patched.json.users).toEqual(["/api/v1/localusers/1/", "/api/v1/localusers/2/"]);
    const replaced = await api("PUT", uri, { name: "auditors", users: ["/api/v1/localusers/3/"] });
    expect(replaced).toMatchObject({ status: 202, json: { users: ["/api/v1/localusers/3/"] } });
    expect((await api("GET", "/api/v1/localusers/3/")).json.user_groups).toContain(uri);
    expect((await api("PATCH", uri, { users: ["/api/v1/localusers/999/"] })).status).toBe(400);
  });

  it("lists FortiTokens and keeps RADIUS secrets write-only", async () => {
    const tokens = (await api("GET", "/api/v1/fortitokens/?type=ftm&status=assigned")).json;
    expect(tokens.objects.length).toBeGreaterThan(0);
    const created = await api("POST", "/api/v1/radiusclients/", { name: "fgt-lab", address: "10.9.0.0/24", secret: "shared-secret-not-real" });
    expect(created.status).toBe(201);
    const client = await api("GET", created.headers.get("location")!);
    expect(client.json).toEqual({ id: 4, name: "fgt-lab", address: "10.9.0.0/24", accounting_usage: false, disconnect: false, resource_uri: "/api/v1/radiusclients/4/" });
    expect((await api("PUT", "/api/v1/radiusclients/4/", { name: "fgt-lab" })).status).toBe(400);
    expect((await api("POST", "/api/v1/radiusclients/", { name: "x", address: "not-an-ip", secret: "s" })).status).toBe(400);
  });
});

describe("DELETE /api/v1/fortitokens/{id}/", () => {
  it("deletes a token nobody holds, refuses an assigned one, and 404s an unknown id", async () => {
    const free = (await api("GET", "/api/v1/fortitokens/?status=available&limit=1")).json.objects[0];
    expect(free).toBeDefined();
    const deleted = await api("DELETE", free.resource_uri);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await api("GET", `/api/v1/fortitokens/?serial=${free.serial}`)).json.meta.total_count).toBe(0);
    expect((await api("DELETE", free.resource_uri)).status).toBe(404);

    const held = (await api("GET", "/api/v1/fortitokens/?status=assigned&limit=1")).json.objects[0];
    const refused = await api("DELETE", held.resource_uri);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toContain(held.serial);
    expect((await api("GET", held.resource_uri)).status).toBe(200);
    expect((await api("DELETE", held.resource_uri, undefined, basic(demo.admin.username, "wrong-key"))).status).toBe(401);
  });
});

describe("POST /api/v1/auth/", () => {
  it("checks a password, a token code, or both concatenated", async () => {
    expect((await api("POST", "/api/v1/auth/", { username: "alice", password: demo.password })).status).toBe(200);
    expect((await api("POST", "/api/v1/auth/", { username: "alice", password: "wrong" })).status).toBe(401);
    expect((await api("POST", "/api/v1/auth/", { username: "bob", token_code: emulator.currentOtp("bob") })).status).toBe(200);
    const joined = { username: "bob", password: `${demo.password}${emulator.currentOtp("bob")}`, token_code: "" };
    expect((await api("POST", "/api/v1/auth/", joined)).status).toBe(200);
    expect((await api("POST", "/api/v1/auth/", { username: "alice" })).status).toBe(400);
  });
});
