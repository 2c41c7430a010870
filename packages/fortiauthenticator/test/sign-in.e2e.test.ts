import type { FortiAuthenticatorEmulator } from "@secfetch/emulators";
import { describe, expect, it } from "vitest";
import { AuthenticationError, ConfigurationError, createFortiAuthenticatorClient } from "../src/index.js";
import { DEMO, startEmulator, TOKEN_ROUTE, tokenBodies } from "./support.js";

type Challenge = { challenge: string; method: string; session?: string };

/** A confidential-app password client of `username` over TLS, trusting the emulator's CA. */
function passwordClient(server: FortiAuthenticatorEmulator, username: string, extra: { realm?: string; onChallenge?: (c: Challenge) => string | Promise<string> } = {}) {
  return createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, username, password: DEMO.password, ...extra });
}

describe("password grant over TLS", () => {
  it("signs alice in with a JSON body and calls the API with her bearer token", async () => {
    const server = await startEmulator();
    const api = passwordClient(server, DEMO.users.plain);
    const { data, response } = await api.GET("/api/v1/localusers/", { params: { query: { username: "alice" } } });
    expect(response.status).toBe(200);
    expect(data?.objects.map((user) => user.username)).toEqual(["alice"]);

    const [token] = server.requests.filter((request) => request.route === TOKEN_ROUTE);
    expect(token?.headers["content-type"]).toBe("application/json");
    expect(token?.headers.authorization).toBeUndefined();
    expect(JSON.parse(token?.body ?? "")).toEqual({
      grant_type: "password",
      username: "alice",
      password: DEMO.password,
      client_id: DEMO.confidentialApp.clientId,
      client_secret: DEMO.confidentialApp.clientSecret,
    });
    const call = server.requests.find((request) => request.route === "GET /api/v1/localusers/");
    expect(call?.headers.authorization).toMatch(/^Bearer [A-Za-z0-9]{30}$/);
  });

  it("sends the realm of a remote user (grace in corp-ldap), and fails without it", async () => {
    const server = await startEmulator();
    const api = passwordClient(server, DEMO.users.remote, { realm: DEMO.remoteRealm });
    expect((await api.GET("/api/v1/")).response.status).toBe(200);
    expect(tokenBodies(server)[0]).toMatchObject({ grant_type: "password", username: "grace", realm: "corp-ldap" });

    const noRealm = passwordClient(server, DEMO.users.remote);
    const error = await noRealm.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_grant" });
    expect(tokenBodies(server)[1]).not.toHaveProperty("realm");
  });

  it("refuses a wrong password with AuthenticationError invalid_grant and signs in once only", async () => {
    const server = await startEmulator();
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.publicApp, username: "alice", password: "not-her-password" });
    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_grant" });
    expect(server.count(TOKEN_ROUTE)).toBe(1);
    expect(tokenBodies(server)[0]).not.toHaveProperty("client_secret");
  });
});

describe("authorization code", () => {
  it("redeems a code once; a second client with the same code gets invalid_grant", async () => {
    const server = await startEmulator();
    const redirectUri = "https://app.example.test/callback";
    const code = server.issueAuthorizationCode("alice", { clientId: DEMO.confidentialApp.clientId, redirectUri });
    const first = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, authorizationCode: code, redirectUri });
    expect((await first.GET("/api/v1/")).response.status).toBe(200);
    expect(tokenBodies(server)[0]).toEqual({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      client_id: DEMO.confidentialApp.clientId,
      client_secret: DEMO.confidentialApp.clientSecret,
    });

    const second = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, authorizationCode: code, redirectUri });
    const error = await second.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 400, code: "invalid_grant" });
    expect((error as Error).message).not.toContain(code);
    // The first client keeps its token: the code is not needed again.
    expect((await first.GET("/api/v1/")).response.status).toBe(200);
    expect(server.count(TOKEN_ROUTE)).toBe(2);
  });
});

describe("OTP challenges (406) answered through onChallenge", () => {
  const cases = [
    { user: DEMO.users.ftm, method: "ftm" },
    { user: DEMO.users.ftk, method: "ftk" },
    { user: DEMO.users.email, method: "email" },
    { user: DEMO.users.sms, method: "sms" },
  ] as const;

  for (const { user, method } of cases) {
    it(`${method}: asks once, sends the code back with the challenge, gets the token (${user})`, async () => {
      const server = await startEmulator();
      const asked: Challenge[] = [];
      const api = passwordClient(server, user, {
        onChallenge: (challenge) => {
          asked.push(challenge);
          return server.currentOtp(user);
        },
      });
      expect((await api.GET("/api/v1/")).response.status).toBe(200);
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({ challenge: "otp", method });
      expect(asked[0]?.session).toBeUndefined();

      const [ask, answer] = tokenBodies(server);
      expect(ask).not.toHaveProperty("challenge_response");
      expect(answer).toMatchObject({ grant_type: "password", username: user, password: DEMO.password, challenge: "otp", method });
      expect(answer?.challenge_response).toMatch(/^\d{6,}$/);
      expect(server.count(TOKEN_ROUTE)).toBe(2);
    });
  }

  it("a wrong code is an AuthenticationError; the code is not in it", async () => {
    const server = await startEmulator();
    const api = passwordClient(server, DEMO.users.ftm, { onChallenge: () => "000000x" });
    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_grant" });
    expect(JSON.stringify(error)).not.toContain("000000x");
    // The hint is about the code, not the password that was accepted.
    expect((error as Error).message).toContain("second-factor answer was refused");
    expect((error as Error).message).not.toContain("Check username and password");
  });

  it("a wrong password's hint is about the password, not the client or a code", async () => {
    const server = await startEmulator();
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, username: DEMO.users.plain, password: "wrong-password" });
    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 401, code: "invalid_grant" });
    expect((error as Error).message).toContain("Check username and password");
  });

  it("without onChallenge an OTP user gets a ConfigurationError naming the option", async () => {
    const server = await startEmulator();
    const api = passwordClient(server, DEMO.users.ftm);
    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: "onChallenge" });
    expect(server.count(TOKEN_ROUTE)).toBe(1);
  });
});
