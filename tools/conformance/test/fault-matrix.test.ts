import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  ENNOV_INSIGHT_DEMO_CREDENTIALS,
  FORCEPOINT_ONE_DEMO_CREDENTIALS,
  FORCEPOINT_ONE_INSIGHTS_DEMO_KEY,
  FORTIAUTHENTICATOR_DEMO,
  PALOALTO_SAAS_SECURITY_DEMO_CLIENT,
  startEnnovInsightEmulator,
  startForcepointOneEmulator,
  startForcepointOneInsightsEmulator,
  startFortiAuthenticatorEmulator,
  startPaloAltoSaasSecurityEmulator,
  startSophosCentralEmulator,
  type FaultSpec,
} from "@secfetch/emulators";
import { definition as ennovDefinition } from "@secfetch/ennov-insight";
import { definition as fortiDefinition } from "@secfetch/fortiauthenticator";
import { definition as paloDefinition, isSecfetchError } from "@secfetch/paloalto-saas-security";
import { definition as sophosDefinition } from "@secfetch/sophos-central";
import { demoClients } from "../src/demo-clients.js";

// Every vendor client × every fault, over real sockets against its emulator. Reads must succeed
// within the retry budget where the request is safe to repeat, non-idempotent calls must not be
// repeated unless the spec marks them safe, and every failure that surfaces is a contract error.

// Long enough that a loaded machine (npm test runs tasks side by side) does not time out a healthy attempt.
const TIMEOUT_MS = 1_500;
const COMMON = { timeoutMs: TIMEOUT_MS, maxRetries: 2 };
const CONTRACT_ERRORS = new Set(["AuthenticationError", "ApiError", "NetworkError", "TimeoutError"]);

type Answer = { response: Response };
interface Emulator {
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  count(route?: string): number;
  close(): Promise<void>;
}
interface Target {
  emulator: Emulator;
  /** One read through a fresh client (cold: its sign-in happens first). */
  read(): Promise<Answer>;
  readRoute: string;
  readPath: string | RegExp;
  /** Whether the read may be repeated after a failure (idempotent, or marked safe by the spec). */
  readSafe: boolean;
  /** A fresh client's sign-in alone, for sign-in faults; absent for static credentials. */
  signIn?: { run(): Promise<unknown>; route: string; path: string | RegExp; safe: boolean };
  /** A paged walk through a fresh client, its items' ids in order, and what a mid-walk fault aims at. */
  walk?: { items(): AsyncIterable<unknown>; id(item: unknown): string; path: string | RegExp; expireToken?(): void };
}

const safeSignIn = (retrySafe: readonly string[], route: string) => retrySafe.includes(route);

const TARGETS: Record<string, () => Promise<Target>> = {
  async "paloalto-saas-security"() {
    const emulator = await startPaloAltoSaasSecurityEmulator();
    const make = () => demoClients.paloAlto(emulator, COMMON);
    return {
      emulator,
      read: () => make().GET("/incident/api/apps"),
      readRoute: "GET /incident/api/apps",
      readPath: "/incident/api/apps",
      readSafe: true,
      signIn: { run: () => make().auth.getToken(), route: "POST /oauth/token", path: "/oauth/token", safe: safeSignIn(paloDefinition.retrySafe, "POST /oauth/token") },
      walk: {
        items: () => make().paginate("/incident/api/incidents/delta", { params: { query: { limit: 10, state: "open,closed" } } }),
        id: (item) => String((item as { incident_id: unknown }).incident_id),
        path: "/incident/api/incidents/delta",
        expireToken: () => emulator.expireTokens(),
      },
    };
  },
  async "sophos-central"() {
    const emulator = await startSophosCentralEmulator();
    const make = () => demoClients.sophos(emulator, "tenant", COMMON);
    return {
      emulator,
      read: () => make().GET("/endpoint/v1/endpoints"),
      readRoute: "GET /endpoint/v1/endpoints",
      readPath: "/endpoint/v1/endpoints",
      readSafe: true,
      signIn: { run: () => make().auth.getToken(), route: "POST /api/v2/oauth2/token", path: "/api/v2/oauth2/token", safe: safeSignIn(sophosDefinition.retrySafe, "POST /api/v2/oauth2/token") },
      walk: {
        items: () => make().paginate("/endpoint/v1/endpoints", { params: { query: { pageSize: 3 } } }),
        id: (item) => String((item as { id: unknown }).id),
        path: "/endpoint/v1/endpoints",
        expireToken: () => emulator.expireTokens(),
      },
    };
  },
  async fortiauthenticator() {
    const emulator = await startFortiAuthenticatorEmulator();
    return {
      emulator,
      read: () => demoClients.fortiAdmin(emulator, COMMON).GET("/api/v1/localusers/"),
      readRoute: "GET /api/v1/localusers/",
      readPath: "/api/v1/localusers/",
      readSafe: true,
      walk: {
        items: () => demoClients.fortiAdmin(emulator, COMMON).paginate("/api/v1/localusers/", { params: { query: { limit: 7 } } }),
        id: (item) => String((item as { id: unknown }).id),
        path: "/api/v1/localusers/",
      },
      signIn: {
        run: () => demoClients.fortiUser(emulator, FORTIAUTHENTICATOR_DEMO.users.plain, COMMON).auth.getToken(),
        route: "POST /api/v1/oauth/token/",
        path: "/api/v1/oauth/token/",
        safe: safeSignIn(fortiDefinition.retrySafe, "POST /api/v1/oauth/token/"),
      },
    };
  },
  async "forcepoint-one"() {
    const emulator = await startForcepointOneEmulator({ rateLimitPerSecond: null });
    return {
      emulator,
      read: () => demoClients.forcepoint(emulator, { rateLimit: false, ...COMMON }).GET("/api/bitglassapi/v2/scim/Users"),
      readRoute: "GET /api/bitglassapi/v2/scim/Users",
      readPath: "/api/bitglassapi/v2/scim/Users",
      readSafe: true,
      walk: {
        items: () => demoClients.forcepoint(emulator, { rateLimit: false, ...COMMON }).paginate("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 4 } } }),
        id: (item) => String((item as { id: unknown }).id),
        path: "/api/bitglassapi/v2/scim/Users",
      },
    };
  },
  async "forcepoint-one-insights"() {
    const emulator = await startForcepointOneInsightsEmulator();
    const make = () => demoClients.insights(emulator, COMMON);
    return {
      emulator,
      read: () => make().POST("/api/export/{product}/{collection}", { params: { path: { product: "SSE", collection: "Admin" } }, body: { starttime: "2025-08-26 00:00:00", limit: 5 } }),
      readRoute: "POST /api/export/{product}/{collection}",
      readPath: "/api/export/SSE/Admin",
      // An export is a POST the spec does not mark safe to repeat.
      readSafe: false,
      signIn: { run: () => make().auth.getToken(), route: "POST /api/apikeys/token", path: "/api/apikeys/token", safe: false },
    };
  },
  async "ennov-insight"() {
    const emulator = await startEnnovInsightEmulator();
    const make = () => demoClients.ennov(emulator, COMMON);
    return {
      emulator,
      read: () => make().POST("/insight/api/v2/event/read", { body: { queryFor: {} } }),
      readRoute: "POST /insight/api/v2/event/read",
      readPath: "/insight/api/v2/event/read",
      readSafe: true,
      signIn: { run: () => make().auth.getToken(), route: "POST /{tenantId}/oauth2/v2.0/token", path: /\/oauth2\/v2\.0\/token$/, safe: safeSignIn(ennovDefinition.retrySafe, "POST /{tenantId}/oauth2/v2.0/token") },
    };
  },
};

/** A fault once, and whether a request that is safe to repeat gets through it on the next attempt. */
const ONCE: ReadonlyArray<[string, Omit<FaultSpec, "path" | "method">, "retried-always" | "retried-if-safe"]> = [
  ["HTTP 500", { status: 500 }, "retried-if-safe"],
  ["HTTP 503 with Retry-After", { status: 503, retryAfter: 0 }, "retried-always"],
  ["HTTP 429 with Retry-After", { status: 429, retryAfter: 0 }, "retried-always"],
  ["HTTP 429 without Retry-After", { status: 429 }, "retried-always"],
  ["a reset before the headers", { dropConnection: true }, "retried-if-safe"],
  ["a hang past the deadline", { delayMs: TIMEOUT_MS * 4 }, "retried-if-safe"],
  ["a body that stalls after the headers", { afterHeaders: "stall" }, "retried-if-safe"],
  ["a reset mid-body", { afterHeaders: "reset" }, "retried-if-safe"],
];

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

/** Every error the matrix met, for the leak scan at the end. */
const surfaced: unknown[] = [];

async function outcome<T>(run: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await run() };
  } catch (error) {
    surfaced.push(error);
    return { error };
  }
}

function expectContractError(error: unknown): void {
  expect(isSecfetchError(error), `a contract error, got ${String(error)}`).toBe(true);
  expect(CONTRACT_ERRORS.has((error as Error).name)).toBe(true);
}

describe.each(Object.keys(TARGETS))("%s under faults", (vendor) => {
  let target: Target;
  const setup = async () => {
    target ??= await TARGETS[vendor]!();
    closers.push(() => target.emulator.close());
    return target;
  };

  it.each(ONCE)("API call, %s once", async (_name, fault, kind) => {
    const { emulator, read, readRoute, readPath, readSafe } = await setup();
    const before = emulator.count(readRoute);
    emulator.injectFault({ ...fault, path: readPath });
    const result = await outcome(read);
    const attempts = emulator.count(readRoute) - before;
    if (kind === "retried-always" || readSafe) {
      expect(result.error).toBeUndefined();
      expect(result.value!.response.ok).toBe(true);
      expect(attempts).toBe(2);
    } else {
      // Not repeated: the caller gets the failure as it came.
      expect(attempts).toBe(1);
      if (result.error !== undefined) expectContractError(result.error);
      else expect(result.value!.response.ok).toBe(false);
    }
  });

  it("API call, an HTML error page every time: the last answer comes back within the retry budget", async () => {
    const { emulator, read, readRoute, readPath, readSafe } = await setup();
    const before = emulator.count(readRoute);
    emulator.injectFault({ path: readPath, status: 502, count: Infinity, body: "<html><body>Bad gateway</body></html>", headers: { "Content-Type": "text/html" } });
    const result = await outcome(read);
    emulator.clearFaults();
    expect(emulator.count(readRoute) - before).toBe(readSafe ? 3 : 1);
    if (result.error !== undefined) expectContractError(result.error);
    else expect(result.value!.response.status).toBe(502);
  });

  it("API call, an HTML page with status 200: an ApiError, not a raw SyntaxError", async () => {
    const { emulator, read, readPath } = await setup();
    emulator.injectFault({ path: readPath, status: 200, body: "<html>Maintenance</html>", headers: { "Content-Type": "application/json" } });
    const result = await outcome(read);
    expectContractError(result.error);
    expect((result.error as Error).name).toBe("ApiError");
  });

  it.each(ONCE)("sign-in, %s once", async (_name, fault, kind) => {
    const { emulator, signIn } = await setup();
    if (!signIn) return; // a static credential has no sign-in to break
    const before = emulator.count(signIn.route);
    emulator.injectFault({ ...fault, path: signIn.path, method: "POST" });
    const result = await outcome(signIn.run);
    const attempts = emulator.count(signIn.route) - before;
    if (kind === "retried-always" || signIn.safe) {
      expect(result.error).toBeUndefined();
      expect(attempts).toBe(2);
    } else {
      expectContractError(result.error);
      expect(attempts).toBe(1);
    }
  });

  const MID_WALK: ReadonlyArray<[string, Omit<FaultSpec, "path" | "method"> | "expire-token"]> = [
    ["HTTP 500", { status: 500 }],
    ["a reset mid-body", { afterHeaders: "reset" }],
    ["a body that stalls after the headers", { afterHeaders: "stall" }],
    ["the token expiring", "expire-token"],
  ];
  it.each(MID_WALK)("paged walk, %s after the first page: every item once", async (_name, fault) => {
    const { emulator, walk } = await setup();
    if (!walk || (fault === "expire-token" && !walk.expireToken)) return; // no paged operation, or nothing to expire
    const clean: string[] = [];
    for await (const item of walk.items()) clean.push(walk.id(item));
    expect(clean.length).toBeGreaterThan(3);
    const faulted: string[] = [];
    let first = true;
    for await (const item of walk.items()) {
      faulted.push(walk.id(item));
      if (first) {
        first = false;
        // The walk has its first page: the next page request meets the fault.
        if (fault === "expire-token") walk.expireToken!();
        else emulator.injectFault({ ...fault, path: walk.path, method: "GET" });
      }
    }
    expect(faulted).toEqual(clean);
  });

  it("sign-in, an HTML page with status 200: an AuthenticationError, not a token", async () => {
    const { emulator, signIn } = await setup();
    if (!signIn) return;
    emulator.injectFault({ path: signIn.path, method: "POST", status: 200, body: "<html>Maintenance</html>", headers: { "Content-Type": "text/html" } });
    const result = await outcome(signIn.run);
    expectContractError(result.error);
    expect((result.error as Error).name).toBe("AuthenticationError");
  });
});

describe("leak scan of every error the matrix surfaced", () => {
  // The emulators' demo credentials, in every form a transport or serialiser may give them.
  const secrets = [
    PALOALTO_SAAS_SECURITY_DEMO_CLIENT.clientSecret,
    FORTIAUTHENTICATOR_DEMO.admin.accessKey,
    FORTIAUTHENTICATOR_DEMO.password,
    FORTIAUTHENTICATOR_DEMO.confidentialApp.clientSecret,
    FORCEPOINT_ONE_DEMO_CREDENTIALS.token,
    FORCEPOINT_ONE_DEMO_CREDENTIALS.password,
    FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey,
    ENNOV_INSIGHT_DEMO_CREDENTIALS.clientSecret,
    ENNOV_INSIGHT_DEMO_CREDENTIALS.password,
  ];
  const forms = (secret: string) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString("base64"),
    // A secret cut short still gives most of itself away.
    secret.slice(0, Math.ceil(secret.length * 0.6)),
  ];

  it("finds none of the credentials, whole, encoded or in part, in any message, JSON, inspect output or stack", () => {
    expect(surfaced.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const error of surfaced) {
      const text = [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack ?? ""].join("\n");
      for (const secret of secrets) for (const form of forms(secret)) if (text.includes(form)) leaks.push(`${(error as Error).name}: a form of a demo secret`);
    }
    expect(leaks).toEqual([]);
  });
});
