import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FORCEPOINT_ONE_DEMO_CREDENTIALS as demo, startForcepointOneEmulator } from "../src/index.js";
import type { ForcepointOneEmulator } from "../src/index.js";

// Loose on purpose: the tests read SCIM bodies by path.
type Json = Record<string, any>;

let emulator: ForcepointOneEmulator;
const BASE = "/api/bitglassapi/v2/scim";
const SCIM = "application/scim+json";
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

beforeAll(async () => {
  emulator = await startForcepointOneEmulator({ rateLimitPerSecond: null, directory: { users: 25, groups: 3 }, scimPageSize: 10 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function scim(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json | undefined; res: Response }> {
  const res = await fetch(`${emulator.url}${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${demo.token}`, ...(body !== undefined ? { "Content-Type": SCIM } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined, res };
}

const newUser = (userName: string) => ({
  schemas: [USER_SCHEMA],
  userName,
  externalId: "idp-42",
  name: { givenName: "Jane", familyName: "Doe" },
  emails: [{ value: userName, type: "work", primary: true }],
  active: true,
  locale: "en-US", // Ignored, as identity providers send attributes the service does not use.
});

describe("SCIM users", () => {
  it("create → get → patch → delete round trip", async () => {
    const created = await scim("POST", "/Users", newUser("jane.doe@example.com"));
    expect(created.status).toBe(201);
    expect(created.res.headers.get("content-type")).toBe(SCIM);
    const id = created.body!["id"] as string;
    expect(created.res.headers.get("location")).toBe(`${emulator.url}${BASE}/Users/${id}`);
    expect(created.body).toMatchObject({ userName: "jane.doe@example.com", externalId: "idp-42", active: true, meta: { resourceType: "User" } });

    const fetched = await scim("GET", `/Users/${id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ id, name: { givenName: "Jane", familyName: "Doe" } });

    const patch = {
      schemas: [PATCH_SCHEMA],
      Operations: [
        { op: "Replace", path: "active", value: "False" },
        { op: "replace", path: "name.familyName", value: "Roe" },
        { op: "add", path: 'emails[type eq "other"].value', value: "jane@example.net" },
        { op: "replace", value: { displayName: "Jane R." } },
      ],
    };
    const patched = await scim("PATCH", `/Users/${id}`, patch);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, displayName: "Jane R.", name: { familyName: "Roe" } });
    expect(patched.body!["emails"]).toContainEqual({ value: "jane@example.net", type: "other", primary: false });
    expect(emulator.users.find((user) => user.id === id)).toMatchObject({ active: false, familyName: "Roe", source: "SCIM" });

    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    const gone = await scim("GET", `/Users/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
  });

  it("pages with startIndex and count, and finds a user with a userName filter", async () => {
    const seen: string[] = [];
    for (let startIndex = 1; ; ) {
      const { body } = await scim("GET", `/Users?startIndex=${startIndex}&count=10`);
      expect(body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 25, startIndex });
      seen.push(...(body!["Resources"] as Json[]).map((user) => user["id"] as string));
      startIndex += body!["itemsPerPage"] as number;
      if (startIndex > (body!["totalResults"] as number)) break;
    }
    expect(new Set(seen).size).toBe(25);
    expect((await scim("GET", "/Users?count=500")).body!["itemsPerPage"]).toBe(10);
    expect((await scim("GET", "/Users?count=-3")).body).toMatchObject({ totalResults: 25, itemsPerPage: 0, Resources: [] });

    const target = emulator.users[4]!;
    const found = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${target.userName.toUpperCase()}"`)}`);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: target.id }] });
    const none = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    const bad = await scim("GET", `/Users?filter=${encodeURIComponent('userName co "a"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: "400", scimType: "invalidFilter" });
  });

  it("refuses a taken userName, a foreign domain, a form body and Basic credentials", async () => {
    expect((await scim("POST", "/Users", newUser("dup@example.com"))).status).toBe(201);
    expect((await scim("POST", "/Users", newUser("DUP@example.com"))).body).toMatchObject({ status: "409", scimType: "uniqueness" });
    expect((await scim("POST", "/Users", newUser("x@elsewhere.test"))).body).toMatchObject({ status: "400", scimType: "invalidValue" });
    const form = await scim("POST", "/Users", "userName=a", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    const plainJson = await scim("POST", "/Users", newUser("json@example.com"), { "Content-Type": "application/json" });
    expect(plainJson.status).toBe(201);
    const basic = `Basic ${Buffer.from(`${demo.username}:${demo.password}`).toString("base64")}`;
    expect((await scim("GET", "/Users", undefined, { Authorization: basic })).status).toBe(401);
    expect((await scim("GET", "/Users", undefined, { Authorization: `Bearer: ${demo.token}` })).status).toBe(401);
  });

  it("refuses malformed patches", async () => {
    const id = emulator.users[0]!.id;
    const cases: Array<[unknown, string]> = [
      [{ Operations: [{ op: "replace", path: "active", value: false }] }, "invalidSyntax"],
      [{ schemas: [PATCH_SCHEMA], Operations: [] }, "invalidSyntax"],
      [{ schemas: [PATCH_SCHEMA], Operations: [{ op: "move", path: "active", value: false }] }, "invalidSyntax"],
      [{ schemas: [PATCH_SCHEMA], Operations: [{ op: "remove" }] }, "noTarget"],
      [{ schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "favouriteColour", value: "red" }] }, "invalidPath"],
      [{ schemas: [PATCH_SCHEMA], Operations: [{ op: "remove", path: "userName" }] }, "mutability"],
    ];
    for (const [body, scimType] of cases) {
      expect((await scim("PATCH", `/Users/${id}`, body)).body, JSON.stringify(body)).toMatchObject({ status: "400", scimType });
    }
  });
});

describe("SCIM groups", () => {
  it("creates a group, adds and removes members, checks membership the way Entra ID does, deletes it", async () => {
    const [a, b] = emulator.users;
    const created = await scim("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Auditors", members: [{ value: a!.id }] });
    expect(created.status).toBe(201);
    const id = created.body!["id"] as string;
    const add = { schemas: [PATCH_SCHEMA], Operations: [{ op: "Add", path: "members", value: [{ value: b!.id }] }] };
    expect(((await scim("PATCH", `/Groups/${id}`, add)).body!["members"] as Json[]).map((m) => m["value"])).toEqual([a!.id, b!.id]);
    const check = await scim("GET", `/Groups?filter=${encodeURIComponent(`id eq "${id}" and members eq "${b!.id}"`)}&excludedAttributes=members`);
    expect(check.body).toMatchObject({ totalResults: 1, Resources: [{ id, displayName: "Auditors" }] });
    expect((check.body!["Resources"] as Json[])[0]).not.toHaveProperty("members");
    const remove = { schemas: [PATCH_SCHEMA], Operations: [{ op: "Remove", path: `members[value eq "${a!.id}"]` }] };
    expect(((await scim("PATCH", `/Groups/${id}`, remove)).body!["members"] as Json[]).map((m) => m["value"])).toEqual([b!.id]);
    const user = await scim("GET", `/Users/${b!.id}`);
    expect(user.body!["groups"]).toContainEqual(expect.objectContaining({ value: id, display: "Auditors" }));
    expect((await scim("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "auditors" })).status).toBe(409);
    expect((await scim("DELETE", `/Groups/${id}`)).status).toBe(204);
    expect((await scim("GET", `/Groups/${id}`)).status).toBe(404);
  });
});
