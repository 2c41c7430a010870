/**
 * `npm run soak [-- --minutes N]`: every vendor client at once against its emulator for a while,
 * with short token lifetimes and a random retryable fault every half second. Prints, per vendor,
 * calls, retries, sign-ins, failures, items lost or duplicated in paged walks, and the heap trend;
 * exits 1 on any failure, loss or duplicate. Not part of `npm test`: it is a time-boxed run.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  FORTIAUTHENTICATOR_DEMO,
  startEnnovInsightEmulator,
  startForcepointOneEmulator,
  startForcepointOneInsightsEmulator,
  startFortiAuthenticatorEmulator,
  startPaloAltoSaasSecurityEmulator,
  startSophosCentralEmulator,
  type FaultSpec,
} from "@secfetch/emulators";
import { demoClients } from "./demo-clients.js";

interface Tally {
  calls: number;
  failures: number;
  retries: number;
  replays: number;
  signIns: number;
  walks: number;
  lost: number;
  duplicated: number;
  firstFailure?: string;
}

interface Workload {
  name: string;
  /** One unit of work: a read, or a whole paged walk compared with the expected ids. */
  step(tally: Tally): Promise<void>;
  injectFault(fault: FaultSpec): void;
  faultPath: string;
  /** Forgets the emulator's recorded requests: the heap reading is the clients', not the emulators' logs. */
  clearRequests(): void;
  close(): Promise<void>;
}

const FAULTS: readonly FaultSpec[] = [{ status: 500 }, { status: 503, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { dropConnection: true }, { afterHeaders: "reset" }, { afterHeaders: "stall" }];
const COMMON = { timeoutMs: 1_500, maxRetries: 3 };

function onEventFor(tally: Tally) {
  return (event: { type: string }) => {
    if (event.type === "request.retry") tally.retries++;
    if (event.type === "request.replay") tally.replays++;
    if (event.type === "token.issued" || event.type === "token.refreshed") tally.signIns++;
  };
}

async function walkOnce(tally: Tally, items: AsyncIterable<unknown>, id: (item: unknown) => string, expected: () => readonly string[]): Promise<void> {
  const seen: string[] = [];
  for await (const item of items) seen.push(id(item));
  const want = new Set(expected());
  const got = new Set(seen);
  tally.walks++;
  tally.duplicated += seen.length - got.size;
  tally.lost += [...want].filter((value) => !got.has(value)).length;
}

async function workloads(tallies: Map<string, Tally>): Promise<Workload[]> {
  const tally = (name: string) => tallies.get(name) ?? tallies.set(name, { calls: 0, failures: 0, retries: 0, replays: 0, signIns: 0, walks: 0, lost: 0, duplicated: 0 }).get(name)!;

  const palo = await startPaloAltoSaasSecurityEmulator({ tokenTtlSeconds: 3 });
  const paloClient = demoClients.paloAlto(palo, { ...COMMON, onEvent: onEventFor(tally("Palo Alto")) });

  const sophos = await startSophosCentralEmulator({ tokenTtlSeconds: 3 });
  const sophosClient = demoClients.sophos(sophos, "tenant", { ...COMMON, onEvent: onEventFor(tally("Sophos Central")) });

  const forti = await startFortiAuthenticatorEmulator({ tokenTtlSeconds: 3 });
  const fortiAdmin = demoClients.fortiAdmin(forti, { ...COMMON, onEvent: onEventFor(tally("FortiAuthenticator")) });
  const fortiUser = demoClients.fortiUser(forti, FORTIAUTHENTICATOR_DEMO.users.plain, { ...COMMON, onEvent: onEventFor(tally("FortiAuthenticator")) });

  const forcepoint = await startForcepointOneEmulator({ rateLimitPerSecond: null });
  const forcepointClient = demoClients.forcepoint(forcepoint, { rateLimit: false, ...COMMON, onEvent: onEventFor(tally("Forcepoint ONE")) });

  const insights = await startForcepointOneInsightsEmulator({ tokenTtlSeconds: 3, sendExpiresIn: true });
  const insightsClient = demoClients.insights(insights, { ...COMMON, onEvent: onEventFor(tally("Forcepoint Insights")) });

  const ennov = await startEnnovInsightEmulator({ tokenTtlSeconds: 3 });
  const ennovClient = demoClients.ennov(ennov, { ...COMMON, onEvent: onEventFor(tally("Ennov InSight")) });

  const ok = (name: string, response: Response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    void name;
  };
  return [
    {
      name: "Palo Alto",
      faultPath: "/incident/api/incidents/delta",
      injectFault: (fault) => palo.injectFault({ ...fault, path: "/incident/api/incidents/delta", method: "GET" }),
      step: (t) => walkOnce(t, paloClient.paginate("/incident/api/incidents/delta", { params: { query: { limit: 25, state: "open,closed" } } }), (item) => String((item as { incident_id: unknown }).incident_id), () => palo.incidents.map((incident) => String(incident.incident_id))),
      clearRequests: () => palo.clearRequests(),
      close: () => palo.close(),
    },
    {
      name: "Sophos Central",
      faultPath: "/endpoint/v1/endpoints",
      injectFault: (fault) => sophos.injectFault({ ...fault, path: "/endpoint/v1/endpoints", method: "GET" }),
      step: (t) => walkOnce(t, sophosClient.paginate("/endpoint/v1/endpoints", { params: { query: { pageSize: 4 } } }), (item) => String((item as { id: unknown }).id), () => sophos.endpoints(sophos.ids.tenant).map((endpoint) => endpoint.id)),
      clearRequests: () => sophos.clearRequests(),
      close: () => sophos.close(),
    },
    {
      name: "FortiAuthenticator",
      faultPath: "/api/v1/localusers/",
      injectFault: (fault) => forti.injectFault({ ...fault, path: "/api/v1/localusers/", method: "GET" }),
      async step(t) {
        await walkOnce(t, fortiAdmin.paginate("/api/v1/localusers/", { params: { query: { limit: 10 } } }), (item) => String((item as { id: unknown }).id), () => forti.localUsers.map((user) => String(user.id)));
        // The user's OAuth token lives 3 s: each walk also exercises the refresh.
        await fortiUser.auth.getToken();
      },
      clearRequests: () => forti.clearRequests(),
      close: () => forti.close(),
    },
    {
      name: "Forcepoint ONE",
      faultPath: "/api/bitglassapi/v2/scim/Users",
      injectFault: (fault) => forcepoint.injectFault({ ...fault, path: "/api/bitglassapi/v2/scim/Users", method: "GET" }),
      step: (t) => walkOnce(t, forcepointClient.paginate("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 5 } } }), (item) => String((item as { id: unknown }).id), () => forcepoint.users.map((user) => user.id)),
      clearRequests: () => forcepoint.clearRequests(),
      close: () => forcepoint.close(),
    },
    {
      name: "Forcepoint Insights",
      // Exports are POSTs that are not repeated: only faults the service answers before acting are injected.
      faultPath: "/api/export/SSE/Admin",
      injectFault: (fault) => (fault.status === 429 || fault.status === 503 ? insights.injectFault({ ...fault, path: "/api/export/SSE/Admin" }) : undefined),
      async step() {
        const { response } = await insightsClient.POST("/api/export/{product}/{collection}", { params: { path: { product: "SSE", collection: "Admin" } }, body: { starttime: "2025-08-26 00:00:00", limit: 50 } });
        ok("Forcepoint Insights", response);
      },
      clearRequests: () => insights.clearRequests(),
      close: () => insights.close(),
    },
    {
      name: "Ennov InSight",
      faultPath: "/insight/api/v2/event/read",
      injectFault: (fault) => ennov.injectFault({ ...fault, path: "/insight/api/v2/event/read" }),
      async step() {
        const { response } = await ennovClient.POST("/insight/api/v2/event/read", { body: { queryFor: {} } });
        ok("Ennov InSight", response);
      },
      clearRequests: () => ennov.clearRequests(),
      close: () => ennov.close(),
    },
  ];
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--minutes");
  const minutes = at > 0 ? Number(process.argv[at + 1]) : 5;
  if (!(minutes > 0)) throw new Error("--minutes takes a positive number");
  const until = Date.now() + minutes * 60_000;
  const tallies = new Map<string, Tally>();
  const loads = await workloads(tallies);
  const heap: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  const sampleHeap = () => {
    for (const load of loads) load.clearRequests();
    gc?.();
    heap.push(process.memoryUsage().heapUsed);
  };
  console.log(`soak: ${loads.length} clients for ${minutes} min, 3 s tokens, a random fault every 0.5 s${gc ? "" : " (run node with --expose-gc for a steady heap reading)"}`);
  sampleHeap();
  const workers = loads.flatMap((load) =>
    [0, 1].map(async () => {
      const tally = tallies.get(load.name)!;
      while (Date.now() < until) {
        tally.calls++;
        try {
          await load.step(tally);
        } catch (error) {
          tally.failures++;
          tally.firstFailure ??= `${(error as Error).name}: ${(error as Error).message}`;
        }
      }
    }),
  );
  const faults = (async () => {
    let turn = 0;
    while (Date.now() < until) {
      await sleep(500);
      const load = loads[turn++ % loads.length]!;
      load.injectFault(FAULTS[Math.floor(Math.random() * FAULTS.length)]!);
    }
  })();
  const sampler = (async () => {
    while (Date.now() < until) {
      await sleep(10_000);
      sampleHeap();
    }
  })();
  await Promise.all([...workers, faults, sampler]);
  sampleHeap();
  await Promise.all(loads.map((load) => load.close()));

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log("");
  console.log("| client | steps | walks | retries | replays | sign-ins | failures | lost | duplicated |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  let bad = 0;
  for (const [name, t] of tallies) {
    bad += t.failures + t.lost + t.duplicated;
    console.log(`| ${name} | ${t.calls} | ${t.walks} | ${t.retries} | ${t.replays} | ${t.signIns} | ${t.failures} | ${t.lost} | ${t.duplicated} |`);
  }
  const settled = heap.slice(1, -1);
  console.log("");
  console.log(`heap: ${mb(heap[0]!)} at start, ${mb(Math.min(...settled, heap.at(-1)!))}–${mb(Math.max(...settled, heap.at(-1)!))} while running, ${mb(heap.at(-1)!)} at the end`);
  for (const [name, t] of tallies) if (t.firstFailure) console.log(`${name}: first failure: ${t.firstFailure}`);
  if (bad > 0) process.exitCode = 1;
}

await main();
