// One worker of a fleet, run as a child process: its own client and Redis store, driven by the
// test over IPC, reporting how its calls went. Run with `--import tsx --conditions=@secfetch/source`.
import type { SecfetchEvent } from "@secfetch/auth";
import { createRedisTokenStore, type RedisTokenStore, type RedisTokenStoreOptions } from "../../src/index.js";

export type FleetVendor = "sophos-central" | "paloalto-saas-security" | "fortiauthenticator" | "forcepoint-one-insights" | "ennov-insight";

export type WorkerCommand =
  /** A new client and store (the previous ones closed): one process serves test after test. */
  | { type: "setup"; vendor: FleetVendor; clientOptions: Record<string, unknown>; store: RedisTokenStoreOptions }
  /** `calls` at once; or, with `durationMs`, `calls` at a time until it is over. */
  | { type: "run"; calls: number; durationMs?: number }
  | { type: "exit" };

export type WorkerReport =
  | { type: "ready" }
  | { type: "done"; ok: number; failed: string[]; events: string[] }
  | { type: "error"; message: string };

/** One cheap read per vendor, answered from the emulator's data. */
type Probe = () => Promise<{ response: Response }>;

// Only the vendor a test uses is loaded: a worker starts in a fraction of the time.
async function probeFor(vendor: FleetVendor, options: Record<string, unknown>, onEvent: (event: SecfetchEvent) => void): Promise<Probe> {
  const common = { ...options, onEvent } as never;
  switch (vendor) {
    case "sophos-central": {
      const client = (await import("@secfetch/sophos-central")).createSophosCentralClient(common);
      return () => client.GET("/endpoint/v1/endpoints");
    }
    case "paloalto-saas-security": {
      const client = (await import("@secfetch/paloalto-saas-security")).createPaloAltoSaasSecurityClient(common);
      return () => client.GET("/incident/api/apps");
    }
    case "fortiauthenticator": {
      const client = (await import("@secfetch/fortiauthenticator")).createFortiAuthenticatorClient(common);
      return () => client.GET("/api/v1/");
    }
    case "forcepoint-one-insights": {
      const client = (await import("@secfetch/forcepoint-one-insights")).createForcepointOneInsightsClient(common);
      return () => client.POST("/api/export/{product}/{collection}", { params: { path: { product: "SSE", collection: "Admin" } }, body: { starttime: "2025-08-26 00:00:00", limit: 1 } });
    }
    case "ennov-insight": {
      const client = (await import("@secfetch/ennov-insight")).createEnnovInsightClient(common);
      return () => client.POST("/insight/api/v2/event/read", { body: { queryFor: {} } });
    }
  }
}

let probe: Probe | undefined;
let store: RedisTokenStore | undefined;
let events: string[] = [];
const send = (report: WorkerReport) => process.send!(report);

async function once(failed: string[]): Promise<boolean> {
  try {
    const { response } = await probe!();
    if (response.ok) return true;
    failed.push(`HTTP ${response.status}`);
  } catch (error) {
    failed.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
  return false;
}

async function run(calls: number, durationMs: number | undefined): Promise<WorkerReport> {
  const failed: string[] = [];
  let ok = 0;
  if (durationMs === undefined) {
    ok = (await Promise.all(Array.from({ length: calls }, () => once(failed)))).filter(Boolean).length;
  } else {
    const until = Date.now() + durationMs;
    await Promise.all(
      Array.from({ length: calls }, async () => {
        while (Date.now() < until) {
          if (await once(failed)) ok++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }),
    );
  }
  const report: WorkerReport = { type: "done", ok, failed, events };
  events = [];
  return report;
}

process.on("message", (command: WorkerCommand) => {
  void (async () => {
    try {
      if (command.type === "setup") {
        await store?.close();
        store = createRedisTokenStore(command.store);
        events = [];
        probe = await probeFor(command.vendor, { ...command.clientOptions, tokenStore: store }, (event) => events.push(event.type));
        send({ type: "ready" });
      } else if (command.type === "run") {
        send(await run(command.calls, command.durationMs));
      } else {
        process.exit(0);
      }
    } catch (error) {
      send({ type: "error", message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
