import { describe, expect, it } from "vitest";
import { AuthenticationError, createFortiAuthenticatorClient } from "../src/index.js";
import { DEMO, startEmulator } from "./support.js";

// FortiAuthenticator 6.6.5 and earlier answer a missing admin-profile permission with 401, the
// status of a bad key (Fortinet article 415245). A static key cannot be renewed, so the client
// must stop at once and point at the profile as well as the key.
const LIMITED = { username: "helpdesk", accessKey: "helpdesk-key-not-real", resources: ["localusers"] };

describe("an administrator whose profile lacks a resource's permission", () => {
  it("gets one 401, never re-sent, as an AuthenticationError that points at the admin profile", async () => {
    const emulator = await startEmulator({ admins: [LIMITED] });
    const client = createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, adminUser: LIMITED.username, accessKey: LIMITED.accessKey });
    expect((await client.GET("/api/v1/localusers/")).response.status).toBe(200);

    const error = await client.GET("/api/v1/radiusclients/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as AuthenticationError).message).toMatch(/admin profile/);
    expect((error as AuthenticationError).message).toMatch(/permission/);
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(LIMITED.accessKey);
    expect(emulator.count("GET /api/v1/radiusclients/")).toBe(1);
  });

  it("on a release that answers 403, hands the 403 back as the call's error, also sent once", async () => {
    const emulator = await startEmulator({ admins: [LIMITED], permissionFaultStatus: 403 });
    const client = createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, adminUser: LIMITED.username, accessKey: LIMITED.accessKey });
    const { response } = await client.GET("/api/v1/radiusclients/");
    expect(response.status).toBe(403);
    expect(emulator.count("GET /api/v1/radiusclients/")).toBe(1);
  });

  it("an administrator with every permission reads the same resource", async () => {
    const emulator = await startEmulator();
    const client = createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey });
    expect((await client.GET("/api/v1/radiusclients/")).response.status).toBe(200);
  });
});

describe("factory errors name what is missing for the sign-in the user chose", () => {
  it("client id and user name without a password: the password is what is missing", () => {
    const attempt = () => createFortiAuthenticatorClient({ baseUrl: "https://fac.example.com", clientId: "app", username: "alice" } as never);
    expect(attempt).toThrow(/fortiauthenticator: `password` is missing for the password sign-in/);
  });

  it("an admin user without its key: the access key is missing", () => {
    expect(() => createFortiAuthenticatorClient({ baseUrl: "https://fac.example.com", adminUser: "admin" } as never)).toThrow(/`accessKey` is missing for the access-key sign-in/);
  });

  it("an access key with a password as well: refused as two sign-ins", () => {
    expect(() => createFortiAuthenticatorClient({ baseUrl: "https://fac.example.com", adminUser: "admin", accessKey: "k", password: "p" })).toThrow(/`password` belongs to another sign-in/);
  });
});
