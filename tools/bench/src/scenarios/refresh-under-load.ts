import { createPaloAltoSaasSecurityClient } from "@secfetch/paloalto-saas-security";
import { startTrivialServerThread } from "../harness/server-thread.js";

export interface LoadRun {
  tokenLifetimeSeconds: number;
  calls: number;
  failed: number;
  tokenRequests: number;
  p50Ms: number;
  p99Ms: number;
}

export interface RefreshUnderLoadResult {
  shortLived: LoadRun;
  longLived: LoadRun;
  /** p99 of the short-lived run minus p99 of the long-lived one. */
  addedP99Ms: number;
}

/**
 * Steady calls for `seconds` with 2-second tokens (refreshed again and again, in the
 * background) and the same with 1-hour tokens: refreshing must cost no failed call and next
 * to nothing in tail latency.
 */
export async function refreshUnderLoad({ seconds, lanes }: { seconds: number; lanes: number }): Promise<RefreshUnderLoadResult> {
  const shortLived = await run(2, seconds, lanes);
  const longLived = await run(3600, seconds, lanes);
  return { shortLived, longLived, addedP99Ms: shortLived.p99Ms - longLived.p99Ms };
}

async function run(tokenLifetimeSeconds: number, seconds: number, lanes: number): Promise<LoadRun> {
  const server = await startTrivialServerThread({ tokenTtlSeconds: tokenLifetimeSeconds });
  try {
    const client = createPaloAltoSaasSecurityClient({ baseUrl: server.url, clientId: "load", clientSecret: "load-secret" });
    await client.GET("/incident/api/apps");
    const latencies: number[] = [];
    let failed = 0;
    const until = performance.now() + seconds * 1000;
    const lane = async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const { response } = await client.GET("/incident/api/apps");
          if (!response.ok) failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return { tokenLifetimeSeconds, calls: latencies.length, failed, tokenRequests: await server.tokenRequests(), p50Ms: at(0.5), p99Ms: at(0.99) };
  } finally {
    await server.close();
  }
}
