import { inspect } from "node:util";
import {
  ENNOV_INSIGHT_AZURE_TOKEN_ROUTE as AZURE_TOKEN,
  ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO,
  ENNOV_INSIGHT_DEMO_MFA_USER as MFA_USER,
  startEnnovInsightEmulator,
  type EnnovInsightEmulator,
  type EnnovInsightEmulatorOptions,
} from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, ConfigurationError, createEnnovInsightClient, type EnnovInsightClientOptions, type SecfetchEvent } from "../src/index.js";

const readAll = { body: { queryFor: {} } } as const;

let emulator: EnnovInsightEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EnnovInsightEmulatorOptions = {}) {
  emulator = await startEnnovInsightEmulator(options);
  return emulator;
}

/** Signs in with `extra` over the demo credentials; returns the AuthenticationError and the events. */
async function failedSignIn(server: EnnovInsightEmulator, extra: Partial<EnnovInsightClientOptions>) {
  const events: SecfetchEvent[] = [];
  const client = createEnnovInsightClient({ ...DEMO, baseUrl: server.url, loginUrl: server.loginUrl, ...extra, onEvent: (event) => events.push(event) });
  const error = await client.POST("/insight/api/v2/event/read", readAll).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AuthenticationError);
  return { error: error as AuthenticationError, events };
}

/** Every way an error reaches a log. */
function renderings(error: AuthenticationError, events: readonly SecfetchEvent[]): string[] {
  return [error.message, String(error.hint), JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack), String(error), JSON.stringify(events)];
}

describe("a refused sign-in", () => {
  it("tenant `common` gets AADSTS9001023 with a hint about the tenant, not the credentials", async () => {
    const server = await start();
    const { error } = await failedSignIn(server, { tenantId: "common" });
    expect(error.code).toBe("AADSTS9001023");
    expect(error.message).toMatch(/tenant's id or domain as tenantId/);
    expect(error.message).not.toMatch(/Check the credentials/);
  });

  it("turns a wrong password into AuthenticationError AADSTS50126 with the password nowhere in it", async () => {
    const server = await start();
    const password = "Wr0ng-Passw0rd-7f3kq";
    const { error, events } = await failedSignIn(server, { password });
    expect(error.name).toBe("AuthenticationError");
    expect(error.status).toBe(400);
    expect(error.code).toBe("AADSTS50126");
    expect(error.message).toMatch(/username and password/i);
    const form = encodeURIComponent(password);
    for (const text of renderings(error, events)) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(form);
      expect(text).not.toContain(DEMO.clientSecret);
    }
    expect(events.some((event) => event.type === "token.failed")).toBe(true);
    // A refusal is final: one token request, and InSight never contacted.
    expect(server.count(AZURE_TOKEN)).toBe(1);
    expect(server.count("GET /insight/api/v2/token")).toBe(0);
  });

  it.each(["invalid_grant", "interaction_required"] as const)(
    "explains that an MFA account cannot use the password sign-in (AADSTS50076 as %s)",
    async (mfaError) => {
      const server = await start({ mfaError });
      const { error, events } = await failedSignIn(server, { username: MFA_USER.username, password: MFA_USER.password });
      expect(error.status).toBe(400);
      expect(error.code).toBe("AADSTS50076");
      expect(error.hint).toMatch(/multi-factor authentication/i);
      expect(error.hint).toMatch(/ROPC/);
      expect(error.message).toContain(error.hint);
      for (const text of renderings(error, events)) {
        expect(text).not.toContain(MFA_USER.password);
        expect(text).not.toContain(DEMO.clientSecret);
      }
      expect(server.count(AZURE_TOKEN)).toBe(1);
    },
  );

  it("names a wrong client secret (AADSTS7000215) without showing it", async () => {
    const server = await start();
    const clientSecret = "not-the-secret-9Qe2";
    const { error, events } = await failedSignIn(server, { clientSecret });
    expect(error.status).toBe(401);
    expect(error.code).toBe("AADSTS7000215");
    expect(error.hint).toMatch(/clientSecret/);
    for (const text of renderings(error, events)) expect(text).not.toContain(clientSecret);
  });

  it("reports InSight refusing the Azure token as AuthenticationError, without the token", async () => {
    // An app InSight does not trust: Entra ID issues a token, InSight's login turns it down.
    const other = { clientId: "0a7e1c55-0000-4000-8000-5ecf37c4de99", clientSecret: "secfetch-demo-other-secret-not-real" };
    const server = await start({ apps: [{ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret }, other] });
    const { error, events } = await failedSignIn(server, other);
    expect(error.status).toBe(401);
    expect(error.code).toBe("session_refused");
    // One fresh Azure token and one more try, then it gives up.
    expect(server.count(AZURE_TOKEN)).toBe(2);
    expect(server.count("POST /insight/api/v2/login")).toBe(2);
    const tokens = server.requests.filter((request) => request.route === "POST /insight/api/v2/login").map((request) => (JSON.parse(request.body) as { access_token: string }).access_token);
    const csrf = server.requests.filter((request) => request.route === "POST /insight/api/v2/login").map((request) => request.headers["x-csrf-token"] ?? "");
    for (const text of renderings(error, events)) {
      for (const secret of [...tokens, ...csrf, other.clientSecret]) expect(text).not.toContain(secret);
    }
  });
});

describe("a refused call", () => {
  it("throws AuthenticationError when the refusal survives one re-login, without the session in it", async () => {
    const server = await start();
    const client = createEnnovInsightClient({ ...DEMO, baseUrl: server.url, loginUrl: server.loginUrl });
    expect((await client.POST("/insight/api/v2/event/read", readAll)).response.status).toBe(200);
    server.injectFault({ path: "/insight/api/v2/event/read", status: 401, count: 2 });
    const error = await client.POST("/insight/api/v2/event/read", readAll).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(server.count("POST /insight/api/v2/login")).toBe(2);
    const sent = server.requests.filter((request) => request.route === "POST /insight/api/v2/event/read");
    const text = [JSON.stringify(error), inspect(error, { depth: 10 })].join("\n");
    for (const request of sent) {
      expect(text).not.toContain(request.headers.cookie?.slice("JSESSIONID=".length));
      expect(text).not.toContain(request.headers["x-csrf-token"]);
    }
  });
});

describe("options", () => {
  it("rejects a missing credential or an unknown csrfIn synchronously, naming the option", () => {
    const { password: _password, ...noPassword } = DEMO;
    expect(() => createEnnovInsightClient({ ...noPassword, baseUrl: "https://insight.example.com" } as EnnovInsightClientOptions)).toThrow(ConfigurationError);
    const bad = (() => {
      try {
        createEnnovInsightClient({ ...DEMO, baseUrl: "https://insight.example.com", csrfIn: "cookie" as never });
      } catch (caught) {
        return caught;
      }
    })();
    expect(bad).toBeInstanceOf(ConfigurationError);
    expect((bad as ConfigurationError).option).toBe("csrfIn");
    expect(() => createEnnovInsightClient({ ...DEMO, baseUrl: "http://insight.example.com" })).toThrow(/plain http/);
    expect(() => createEnnovInsightClient({ ...DEMO } as EnnovInsightClientOptions)).toThrow(/baseUrl/);
  });

  it("takes a plain-http InSight server only when its host is named in allowPlainHttpHosts, and nothing else over http", async () => {
    const server = await start();
    const onPremises = "http://insight.corp.example:8080";
    expect(() => createEnnovInsightClient({ ...DEMO, baseUrl: onPremises })).toThrow(expect.objectContaining({ option: "baseUrl", hint: expect.stringMatching(/allowPlainHttpHosts/) }));
    expect(() => createEnnovInsightClient({ ...DEMO, baseUrl: onPremises, allowPlainHttpHosts: ["insight.corp.example:8080/x"] })).toThrow(
      expect.objectContaining({ option: "allowPlainHttpHosts" }),
    );
    // Spelled as URL.host spells it: lower case, the default port dropped.
    expect(() => createEnnovInsightClient({ ...DEMO, baseUrl: "http://insight.corp.example", allowPlainHttpHosts: ["Insight.Corp.Example:80"] })).not.toThrow();
    // Another port of the same name is another host: still refused.
    expect(() => createEnnovInsightClient({ ...DEMO, baseUrl: onPremises, allowPlainHttpHosts: ["insight.corp.example"] })).toThrow(/plain http/);
    expect(() => createEnnovInsightClient({ ...DEMO, baseUrl: onPremises, loginUrl: "http://login.example", allowPlainHttpHosts: ["insight.corp.example:8080"] })).toThrow(
      expect.objectContaining({ option: "loginUrl" }),
    );

    // The whole handshake and a call, over real sockets: the name is mapped to the emulator.
    const sent: string[] = [];
    const client = createEnnovInsightClient({
      ...DEMO,
      baseUrl: onPremises,
      loginUrl: server.loginUrl,
      allowPlainHttpHosts: ["INSIGHT.corp.example:8080"],
      fetch: async (input, init) => {
        const url = String(input);
        sent.push(url);
        return globalThis.fetch(url.replace(onPremises, server.url), init);
      },
    });
    expect((await client.POST("/insight/api/v2/event/read", { body: { queryFor: {} } })).response.status).toBe(200);
    expect(sent.filter((url) => url.startsWith(onPremises)).map((url) => new URL(url).pathname)).toEqual([
      "/insight/api/v2/token",
      "/insight/api/v2/login",
      "/insight/api/v2/event/read",
    ]);
  });
});
