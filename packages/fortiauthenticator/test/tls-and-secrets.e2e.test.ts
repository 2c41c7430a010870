import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, createFortiAuthenticatorClient, NetworkError, type SecfetchEvent } from "../src/index.js";
import { DEMO, mintRefreshToken, secretsSeen, startEmulator } from "./support.js";

describe("TLS", () => {
  it("without `ca` the certificate check fails with a NetworkError that says to pass `ca`", async () => {
    const server = await startEmulator();
    const events: SecfetchEvent[] = [];
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ...DEMO.confidentialApp, username: "alice", password: DEMO.password, onEvent: (event) => events.push(event) });
    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    const message = (error as NetworkError).message;
    expect(message).toContain(`the certificate of ${new URL(server.url).host} is not trusted`);
    expect((error as NetworkError).hint).toMatch(/as `ca`; verification is never turned off/);
    // A certificate problem does not go away in a second: no retries.
    expect(events.filter((event) => event.type === "request.retry")).toHaveLength(0);
    expect(JSON.stringify(error)).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
    // The handshake failed: not one byte of the sign-in (the password) reached the server.
    expect(server.count()).toBe(0);
  });

  it("a CA that did not sign the server's certificate is refused the same way", async () => {
    const server = await startEmulator();
    const other = await startEmulator();
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: other.ca, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey, maxRetries: 0 });
    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).hint).toMatch(/`ca`/);
    expect(server.count()).toBe(0);
  });
});

describe("no secret in any error or event", () => {
  it("keeps passwords, codes, tokens, sessions, keys and secrets out of errors and events", async () => {
    const server = await startEmulator();
    const events: SecfetchEvent[] = [];
    const onEvent = (event: SecfetchEvent) => events.push(event);
    const common = { baseUrl: server.url, ca: server.ca, onEvent };
    const made: Array<Parameters<typeof createFortiAuthenticatorClient>[0]> = [];
    const wrongValues = ["wrong-password-ab12", "wrong-client-secret-cd34", "999999z", "wrong-access-key-ef56"];
    const spent = await mintRefreshToken(server);
    const code = server.issueAuthorizationCode("alice");

    made.push(
      { ...common, ...DEMO.confidentialApp, username: "alice", password: DEMO.password },
      { ...common, ...DEMO.confidentialApp, username: "alice", password: wrongValues[0]! },
      { ...common, clientId: DEMO.confidentialApp.clientId, clientSecret: wrongValues[1]!, username: "alice", password: DEMO.password },
      { ...common, ...DEMO.confidentialApp, username: DEMO.users.ftm, password: DEMO.password, onChallenge: () => wrongValues[2]! },
      { ...common, ...DEMO.confidentialApp, username: DEMO.users.email, password: DEMO.password, onChallenge: () => server.currentOtp(DEMO.users.email) },
      { ...common, ...DEMO.confidentialApp, refreshToken: spent },
      { ...common, ...DEMO.confidentialApp, refreshToken: spent },
      { ...common, ...DEMO.confidentialApp, authorizationCode: code },
      { ...common, ...DEMO.confidentialApp, authorizationCode: code },
      { ...common, adminUser: DEMO.admin.username, accessKey: wrongValues[3]! },
      { baseUrl: server.url, onEvent, maxRetries: 0, ...DEMO.confidentialApp, username: "alice", password: DEMO.password },
    );
    const errors: unknown[] = [];
    for (const options of made) {
      const api = createFortiAuthenticatorClient(options);
      try {
        await api.GET("/api/v1/");
        server.expireTokens();
        await api.GET("/api/v1/");
      } catch (error) {
        errors.push(error);
      }
    }
    // Wrong password, wrong secret, wrong code, spent refresh token, used code, wrong key, no CA.
    expect(errors.map((error) => (error as Error).name)).toEqual([
      "AuthenticationError",
      "AuthenticationError",
      "AuthenticationError",
      "AuthenticationError",
      "AuthenticationError",
      "AuthenticationError",
      "NetworkError",
    ]);
    expect(errors[5]).toMatchObject({ status: 401 });
    expect(events.some((event) => event.type === "token.failed")).toBe(true);
    expect(events.some((event) => event.type === "token.refreshed")).toBe(true);

    const secrets = [...secretsSeen(server), ...wrongValues];
    expect(secrets.length).toBeGreaterThan(15);
    const texts = [
      ...errors.flatMap((error) => [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack ?? "", JSON.stringify((error as AuthenticationError).body ?? null)]),
      JSON.stringify(events),
      inspect(events, { depth: 10 }),
    ];
    for (const text of texts) {
      for (const secret of secrets) expect(text, "a secret leaked").not.toContain(secret);
    }
  });
});
