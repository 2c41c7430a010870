import { randomUUID } from "node:crypto";
import {
  ENNOV_INSIGHT_AZURE_TOKEN_ROUTE,
  startEnnovInsightEmulator,
  startForcepointOneInsightsEmulator,
  startFortiAuthenticatorEmulator,
  startPaloAltoSaasSecurityEmulator,
  startSophosCentralEmulator,
  type EmulatorControls,
} from "@secfetch/emulators";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFleet, type Worker } from "./support/fleet.js";
import type { FleetVendor } from "./support/fleet-worker.js";
import { startRedisServer, type RedisServer } from "../src/testing.js";
import { requireRedisOrSkip } from "./support/require-redis.js";

const WORKERS = 4;
const CALLS = 8;

interface Running extends EmulatorControls {
  clientOptions(): object;
}

const VENDORS: ReadonlyArray<{ vendor: FleetVendor; signIn: string; start: (tokenTtlSeconds?: number) => Promise<Running> }> = [
  { vendor: "sophos-central", signIn: "POST /api/v2/oauth2/token", start: (ttl) => startSophosCentralEmulator(ttl ? { tokenTtlSeconds: ttl } : {}) },
  { vendor: "paloalto-saas-security", signIn: "POST /oauth/token", start: (ttl) => startPaloAltoSaasSecurityEmulator(ttl ? { tokenTtlSeconds: ttl } : {}) },
  { vendor: "fortiauthenticator", signIn: "POST /api/v1/oauth/token/", start: (ttl) => startFortiAuthenticatorEmulator(ttl ? { tokenTtlSeconds: ttl } : {}) },
  { vendor: "forcepoint-one-insights", signIn: "POST /api/apikeys/token", start: (ttl) => startForcepointOneInsightsEmulator(ttl ? { tokenTtlSeconds: ttl } : {}) },
  { vendor: "ennov-insight", signIn: ENNOV_INSIGHT_AZURE_TOKEN_ROUTE, start: (ttl) => startEnnovInsightEmulator(ttl ? { tokenTtlSeconds: ttl } : {}) },
];
const vendor = (name: FleetVendor) => VENDORS.find((entry) => entry.vendor === name)!;

const run = requireRedisOrSkip();

describe.skipIf(!run)("a fleet of worker processes sharing one Redis", () => {
  let redis: RedisServer;
  // One pool of worker processes for every test, each given a new client and store per test.
  let fleet: Worker[] = [];
  let emulator: Running | undefined;

  beforeAll(async () => {
    redis = await startRedisServer();
    fleet = startFleet(WORKERS);
  });
  afterAll(async () => {
    await Promise.all(fleet.map((worker) => worker.exit()));
    await redis?.stop();
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  const setUp = (workers: Worker[], vendor: FleetVendor, store: object = storeOptions()) =>
    Promise.all(workers.map((worker) => worker.setup({ vendor, clientOptions: { ...emulator!.clientOptions() }, store })));

  // Each test its own key prefix: nothing one test stored can serve another.
  const storeOptions = (extra: object = {}) => ({ url: redis.url, keyPrefix: `test-${randomUUID()}:`, ...extra });
  const expectAllOk = (reports: Array<{ ok: number; failed: string[] }>, calls: number) => {
    expect(reports.flatMap((report) => report.failed)).toEqual([]);
    expect(reports.map((report) => report.ok)).toEqual(reports.map(() => calls));
  };

  it.each(VENDORS)("$vendor: $signIn once for every cold call of every worker", async ({ vendor: name, signIn, start }) => {
    emulator = await start();
    await setUp(fleet, name);
    const reports = await Promise.all(fleet.map((worker) => worker.run(CALLS)));
    expectAllOk(reports, CALLS);
    expect(emulator.count(signIn)).toBe(1);
  });

  it("paloalto-saas-security: one refresh between the workers when the token nears its expiry", async () => {
    emulator = await vendor("paloalto-saas-security").start(LIFETIME_S);
    await setUp(fleet, "paloalto-saas-security");
    expectAllOk(await Promise.all(fleet.map((worker) => worker.run(2))), 2);
    const reports = await Promise.all(fleet.map((worker) => worker.run(2, untilOneRefreshIsDue(emulator!, "POST /oauth/token"))));
    expect(reports.flatMap((report) => report.failed)).toEqual([]);
    expect(emulator.count("POST /oauth/token")).toBe(2);
    expect(reports.flatMap((report) => report.events).filter((type) => type === "token.refreshed")).toHaveLength(1);
  });

  it("fortiauthenticator: a rotated refresh token is spent once, by one worker, and the others take its result", async () => {
    emulator = await vendor("fortiauthenticator").start(LIFETIME_S);
    await setUp(fleet, "fortiauthenticator");
    expectAllOk(await Promise.all(fleet.map((worker) => worker.run(2))), 2);
    const reports = await Promise.all(fleet.map((worker) => worker.run(2, untilOneRefreshIsDue(emulator!, "POST /api/v1/oauth/token/"))));
    expect(reports.flatMap((report) => report.failed)).toEqual([]);
    const grants = emulator.requests.filter((request) => request.route === "POST /api/v1/oauth/token/").map((request) => new URLSearchParams(request.body).get("grant_type") ?? JSON.parse(request.body).grant_type);
    // A second use of the spent refresh token would be refused and end in another password sign-in.
    expect(grants).toEqual(["password", "refresh_token"]);
  });

  it("ennov-insight: one session for the fleet, renewed once for all when the server ends it", async () => {
    const ennov = await startEnnovInsightEmulator();
    emulator = ennov;
    await setUp(fleet, "ennov-insight");
    expectAllOk(await Promise.all(fleet.map((worker) => worker.run(CALLS))), CALLS);
    expect([ennov.count(ENNOV_INSIGHT_AZURE_TOKEN_ROUTE), ennov.count("GET /insight/api/v2/token"), ennov.count("POST /insight/api/v2/login")]).toEqual([1, 1, 1]);
    expect(ennov.sessionCounts.authenticated).toBe(1);

    ennov.expireSessions();
    expectAllOk(await Promise.all(fleet.map((worker) => worker.run(CALLS))), CALLS);
    // Every worker saw its session refused; one of them made the next, the others read it.
    expect([ennov.count(ENNOV_INSIGHT_AZURE_TOKEN_ROUTE), ennov.count("GET /insight/api/v2/token"), ennov.count("POST /insight/api/v2/login")]).toEqual([1, 2, 2]);
    expect(ennov.sessionCounts.authenticated).toBe(1);
  });

  it("a worker killed while it signs in holding the lock: another takes over after the lease, and no call fails", async () => {
    emulator = await vendor("paloalto-saas-security").start();
    // The doomed one is a process of its own; two of the pool survive it.
    const [doomed] = startFleet(1) as [Worker];
    const survivors = fleet.slice(0, 2);
    await setUp([doomed, ...survivors], "paloalto-saas-security", storeOptions({ lockLeaseMs: 1000 }));
    // The first sign-in hangs on the server long enough for the kill.
    emulator.injectFault({ path: "/oauth/token", delayMs: 30_000 });
    const lost = doomed.run(3).catch(() => "killed");
    await waitFor(() => emulator!.count("POST /oauth/token") === 1);
    const waiting = survivors.map((worker) => worker.run(CALLS));
    await doomed.kill();
    expect(await lost).toBe("killed");
    expectAllOk(await Promise.all(waiting), CALLS);
    expect(emulator.count("POST /oauth/token")).toBe(2);
  });

  it("a worker killed in the middle of a refresh: another refreshes after the lease, and no call fails", async () => {
    emulator = await vendor("paloalto-saas-security").start(LIFETIME_S);
    const [doomed] = startFleet(1) as [Worker];
    const survivors = fleet.slice(0, 2);
    await setUp([doomed, ...survivors], "paloalto-saas-security", storeOptions({ lockLeaseMs: 1000 }));
    expectAllOk(await Promise.all([doomed, ...survivors].map((worker) => worker.run(1))), 1);
    const issued = emulator.requests.find((request) => request.route === "POST /oauth/token")!.at.getTime();

    // Into the refresh window: the doomed worker's next call starts the refresh, which hangs.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, issued + (LIFETIME_S * 1000) / 2 + 100 - Date.now())));
    emulator.injectFault({ path: "/oauth/token", delayMs: 30_000 });
    expectAllOk([await doomed.run(1)], 1);
    await waitFor(() => emulator!.count("POST /oauth/token") === 2);
    await doomed.kill();

    // The survivors are served while one of them waits out the dead holder's lease and refreshes.
    expectAllOk(await Promise.all(survivors.map((worker) => worker.run(3))), 3);
    await waitFor(() => emulator!.count("POST /oauth/token") === 3);
    expectAllOk(await Promise.all(survivors.map((worker) => worker.run(3))), 3);
    expect(emulator.count("POST /oauth/token")).toBe(3);
  });
});

// A 6 s token is fresh for 3 s, then refreshed in the background while still served; the new one
// is fresh until 6 s after the first was issued.
const LIFETIME_S = 6;

/** How long to keep calling so that the first token's refresh falls in the run and a second one cannot (at least 1 s, however slow the start was). */
function untilOneRefreshIsDue(emulator: Running, route: string): number {
  const issued = emulator.requests.find((request) => request.route === route)!.at.getTime();
  return Math.max(1000, issued + 4500 - Date.now());
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
