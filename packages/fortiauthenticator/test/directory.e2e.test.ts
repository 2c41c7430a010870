import { describe, expect, it } from "vitest";
import { createFortiAuthenticatorClient } from "../src/index.js";
import { DEMO, startEmulator } from "./support.js";

const adminOf = (emulator: { url: string; ca: string }) =>
  createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey });

describe("remote users, memberships and realm checks", () => {
  it("imports an LDAP user, turns on an e-mail token, sends a code and removes the user", async () => {
    const emulator = await startEmulator();
    const admin = adminOf(emulator);
    const created = await admin.POST("/api/v1/ldapusers/", { body: { username: "jdoe", dn: "CN=John Doe,OU=Staff,DC=corp,DC=example", server_name: "corp-ldap" } });
    expect(created.response.status).toBe(201);
    const { data: page } = await admin.GET("/api/v1/ldapusers/", { params: { query: { username: "jdoe" } } });
    expect(page!.objects).toHaveLength(1);
    const id = page!.objects[0]!.id;

    const { data: changed, response } = await admin.PATCH("/api/v1/ldapusers/{id}/", { params: { path: { id } }, body: { token_auth: true, token_type: "email", email: "jdoe@example.com" } });
    expect(response.status).toBe(202);
    expect(changed).toMatchObject({ id, username: "jdoe", token_auth: true, token_type: "email" });
    expect((await admin.POST("/api/v1/ldapusers/{id}/sendoobtoken/", { params: { path: { id } } })).response.status).toBe(200);

    expect((await admin.DELETE("/api/v1/ldapusers/{id}/", { params: { path: { id } } })).response.status).toBe(204);
    expect((await admin.GET("/api/v1/ldapusers/{id}/", { params: { path: { id } } })).response.status).toBe(404);
    expect((await admin.POST("/api/v1/ldapusers/{id}/sendoobtoken/", { params: { path: { id } } })).response.status).toBe(404);
  });

  it("refuses an LDAP import without its distinguished name and a mobile number in another format, naming the field", async () => {
    const emulator = await startEmulator();
    const admin = adminOf(emulator);
    // @ts-expect-error dn is required
    const missing = await admin.POST("/api/v1/ldapusers/", { body: { username: "jdoe" } });
    expect(missing.response.status).toBe(400);
    expect(JSON.stringify(missing.error)).toContain("dn");
    const mobile = await admin.POST("/api/v1/radiususers/", { body: { username: "r1", server_name: "corp-radius", server_address: "192.0.2.20", mobile_number: "5550100123" } });
    expect(mobile.response.status).toBe(400);
    expect(JSON.stringify(mobile.error)).toContain("mobile_number");
  });

  it("adds a membership and finds it by group, lists groups without members, and lists the new resources at the root", async () => {
    const emulator = await startEmulator();
    const admin = adminOf(emulator);
    const made = await admin.POST("/api/v1/localgroup-memberships/", { body: { group: "/api/v1/usergroups/1/", user: "/api/v1/localusers/2/" } });
    expect(made.response.status).toBe(201);
    const { data } = await admin.GET("/api/v1/localgroup-memberships/", { params: { query: { group: "/api/v1/usergroups/1/" } } });
    expect(data!.objects.map((m) => m.user)).toContain("/api/v1/localusers/2/");

    const { data: groups } = await admin.GET("/api/v1/usergroups/", { params: { query: { return_members: false } } });
    expect(groups!.objects.length).toBeGreaterThan(0);
    expect(groups!.objects.every((group) => !("users" in group))).toBe(true);
    const { data: withMembers } = await admin.GET("/api/v1/usergroups/");
    expect(withMembers!.objects.every((group) => Array.isArray(group.users))).toBe(true);

    const { data: root } = await admin.GET("/api/v1/");
    expect(Object.keys(root as object)).toEqual(expect.arrayContaining(["ldapusers", "radiususers", "localgroup-memberships", "realmauth", "fortitokenmobilelicenses"]));
  });

  it("checks a password in a realm: right → 200, wrong → 401 without a sign-in again, unknown realm → 401", async () => {
    const emulator = await startEmulator();
    const admin = adminOf(emulator);
    const check = (body: { username: string; realm: string; password: string }) => admin.POST("/api/v1/realmauth/", { body });
    expect((await check({ username: DEMO.users.plain, realm: "local", password: DEMO.password })).response.status).toBe(200);
    expect((await check({ username: DEMO.users.plain, realm: "local", password: "wrong" })).response.status).toBe(401);
    expect((await check({ username: DEMO.users.plain, realm: "no-such-realm", password: DEMO.password })).response.status).toBe(401);
    expect(emulator.count("POST /api/v1/realmauth/")).toBe(3);
  });
});
