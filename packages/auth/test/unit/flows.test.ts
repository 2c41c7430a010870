import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  createChallengeStep,
  createDiscoveryStep,
  createHostTrust,
  createRedactor,
  createSessionHandshake,
  TimeoutError,
  type ChallengeDeclaration,
  type DiscoverDeclaration,
  type SessionDeclaration,
} from "../../src/building-blocks.js";

// Flow steps take a `send`; these unit tests answer it from a script. The same steps run over
// real sockets in the vendor packages' end-to-end tests.
function scripted(answers: Array<{ status?: number; json?: unknown; headers?: Record<string, string> }>) {
  const seen: Request[] = [];
  return {
    seen,
    send: async (request: Request) => {
      seen.push(request);
      const answer = answers.shift() ?? { status: 500 };
      return new Response(answer.json === undefined ? null : JSON.stringify(answer.json), { status: answer.status ?? 200, headers: answer.headers ?? {} });
    },
  };
}

const challengeDeclaration: ChallengeDeclaration = {
  status: 406,
  fields: { challenge: "/challenge", method: "/method", session: "/session" },
  answer: { challenge: "{challenge}", challenge_response: "{response}", method: "{method}", session: "{session}" },
  push: {
    methods: ["ftm-push"],
    poll: { method: "GET", url: "https://fac.example/api/v1/pushpoll/?s={session}" },
    status: "/status",
    approvedWhen: "success",
    refusedWhen: ["denied"],
    response: "/challenge_response",
    intervalMs: 100,
    deadlineMs: 1_000,
  },
};

describe("challenge step", () => {
  it("asks onChallenge for an OTP method and builds the answer", async () => {
    const asked: unknown[] = [];
    const step = createChallengeStep({
      declaration: challengeDeclaration,
      values: {},
      onChallenge: (challenge) => {
        asked.push(challenge);
        return "123456";
      },
      send: scripted([]).send,
      redactor: createRedactor(),
      source: "t",
    });
    const answer = await step({ challenge: "otp", method: "ftm", status: "pending" });
    expect(asked).toEqual([{ challenge: "otp", method: "ftm" }]);
    expect(answer).toEqual({ challenge: "otp", challenge_response: "123456", method: "ftm" });
  });

  it("fails clearly without onChallenge", async () => {
    const step = createChallengeStep({ declaration: challengeDeclaration, values: {}, onChallenge: undefined, send: scripted([]).send, redactor: createRedactor(), source: "t" });
    await expect(step({ challenge: "otp", method: "sms" })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("polls a push until approved", async () => {
    const script = scripted([{ json: { status: "pending" } }, { json: { status: "pending" } }, { json: { status: "success", challenge_response: "push-code" } }]);
    const step = createChallengeStep({ declaration: challengeDeclaration, values: {}, onChallenge: undefined, send: script.send, redactor: createRedactor(), source: "t" });
    const answer = await step({ challenge: "otp", method: "ftm-push", session: "s1" });
    expect(answer).toEqual({ challenge: "otp", challenge_response: "push-code", method: "ftm-push", session: "s1" });
    expect(script.seen).toHaveLength(3);
    expect(script.seen[0]?.url).toBe("https://fac.example/api/v1/pushpoll/?s=s1");
  });

  it("ends a refused push with AuthenticationError and a slow one with TimeoutError", async () => {
    const refused = createChallengeStep({ declaration: challengeDeclaration, values: {}, onChallenge: undefined, send: scripted([{ json: { status: "denied" } }]).send, redactor: createRedactor(), source: "t" });
    await expect(refused({ challenge: "otp", method: "ftm-push", session: "s" })).rejects.toMatchObject({ name: "AuthenticationError", code: "push_refused" });
    const pending = Array.from({ length: 50 }, () => ({ json: { status: "pending" } }));
    const slow = createChallengeStep({ declaration: challengeDeclaration, values: {}, onChallenge: undefined, send: scripted(pending).send, redactor: createRedactor(), source: "t" });
    await expect(slow({ challenge: "otp", method: "ftm-push", session: "s" })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("stops polling when its signal aborts", async () => {
    const controller = new AbortController();
    const pending = Array.from({ length: 50 }, () => ({ json: { status: "pending" } }));
    const step = createChallengeStep({ declaration: challengeDeclaration, values: {}, onChallenge: undefined, send: scripted(pending).send, redactor: createRedactor(), source: "t", signal: controller.signal });
    const running = step({ challenge: "otp", method: "ftm-push", session: "s" });
    setTimeout(() => controller.abort(new Error("user cancelled")), 150);
    await expect(running).rejects.toThrow("user cancelled");
  });
});

describe("discovery step", () => {
  const declaration = {
    request: { method: "GET", url: "{baseUrl}/whoami/v1" },
    by: "/idType",
    cases: { tenant: { baseUrl: "/apiHosts/dataRegion", headers: { "X-Tenant-ID": "/id" } }, partner: { headers: { "X-Partner-ID": "/id" } } },
    trustHosts: ["*.central.example.com"],
  } satisfies DiscoverDeclaration;
  const make = (json: unknown) =>
    createDiscoveryStep({
      declaration,
      values: { baseUrl: "https://api.central.example.com" },
      applyHeaders: { Authorization: "Bearer {accessToken}" },
      send: scripted([{ json }]).send,
      trust: createHostTrust(declaration.trustHosts, new URL("https://api.central.example.com")),
      redactor: createRedactor(),
      source: "t",
    });

  it("reads host and headers for a tenant", async () => {
    const identity = await make({ id: "t1", idType: "tenant", apiHosts: { dataRegion: "https://api-eu01.central.example.com" } })("tok");
    expect(identity).toMatchObject({ kind: "tenant", baseUrl: "https://api-eu01.central.example.com", headers: { "X-Tenant-ID": "t1" } });
  });

  it("reads headers for a partner", async () => {
    expect(await make({ id: "p1", idType: "partner", apiHosts: {} })("tok")).toMatchObject({ kind: "partner", headers: { "X-Partner-ID": "p1" } });
  });

  it("refuses an untrusted or plain-http host", async () => {
    for (const host of ["https://api-eu01.central.example.com.evil.test", "http://api-eu01.central.example.com", "https://central.example.com"]) {
      await expect(make({ id: "t1", idType: "tenant", apiHosts: { dataRegion: host } })("tok")).rejects.toMatchObject({ code: "untrusted_api_host" });
    }
  });

  it("names an unknown identity type", async () => {
    await expect(make({ id: "x", idType: "reseller" })("tok")).rejects.toMatchObject({ code: "unknown_identity" });
  });
});

describe("session handshake", () => {
  const declaration = {
    steps: [
      { request: { method: "GET", url: "https://insight.example/insight/api/v2/token" }, capture: { session: ["body:/xAuthToken", "body:/token"], csrf: "header:X-CSRF-TOKEN" } },
      {
        request: {
          method: "POST",
          url: "https://insight.example/insight/api/v2/login",
          headers: { "X-CSRF-TOKEN": "{csrf}", Cookie: "JSESSIONID={session}" },
          json: { access_token: "{accessToken}", token_type: "Bearer" },
        },
        capture: { session: ["cookie:JSESSIONID", "keep"], csrf: "header:X-CSRF-TOKEN" },
      },
    ],
    apply: { headers: { "X-CSRF-TOKEN": "{csrf}", Cookie: "JSESSIONID={session}" } },
  } satisfies SessionDeclaration;

  it("runs the steps in order, carrying captured values, preferring Set-Cookie", async () => {
    const script = scripted([
      { json: { xAuthToken: "pre-session" }, headers: { "X-CSRF-TOKEN": "csrf-1" } },
      { json: {}, headers: { "X-CSRF-TOKEN": "csrf-2", "Set-Cookie": "JSESSIONID=post-session; Path=/insight; HttpOnly" } },
    ]);
    const handshake = createSessionHandshake({ declaration, values: {}, send: script.send, redactor: createRedactor(), source: "t" });
    expect(await handshake("azure-token")).toEqual({ session: "post-session", csrf: "csrf-2" });
    const login = script.seen[1]!;
    expect(login.headers.get("cookie")).toBe("JSESSIONID=pre-session");
    expect(login.headers.get("x-csrf-token")).toBe("csrf-1");
    expect(await login.json()).toEqual({ access_token: "azure-token", token_type: "Bearer" });
  });

  it("keeps the session id when login sends no cookie, and reads the legacy field", async () => {
    const script = scripted([{ json: { token: "legacy" }, headers: { "X-CSRF-TOKEN": "c1" } }, { json: {}, headers: { "X-CSRF-TOKEN": "c2" } }]);
    const handshake = createSessionHandshake({ declaration, values: {}, send: script.send, redactor: createRedactor(), source: "t" });
    expect(await handshake("tok")).toEqual({ session: "legacy", csrf: "c2" });
  });

  it("fails with the step's status", async () => {
    const handshake = createSessionHandshake({ declaration, values: {}, send: scripted([{ status: 401, json: { error: "x" } }]).send, redactor: createRedactor(), source: "t" });
    const error = await handshake("tok").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
  });
});
