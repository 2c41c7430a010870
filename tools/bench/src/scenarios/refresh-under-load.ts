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
 * to nothing in tail latency. The two run in alternating segments, so neither gets the colder
 * or the quieter share of the machine.
 */
export async function refreshUnderLoad({ seconds, lanes, segments = 6 }: { seconds: number; lanes: number; segments?: number }): Promise<RefreshUnderLoadResult> {
  const short = await loadTarget(2);
  const long = await loadTarget(3600);
  try {
    const segmentSeconds = seconds / segments;
    for (let segment = 0; segment < segments; segment++) {
      const [first, second] = segment % 2 === 0 ? [short, long] : [long, short];
      await first.drive(segmentSeconds, lanes);
      await second.drive(segmentSeconds, lanes);
    }
    const shortLived = await short.summary();
    const longLived = await long.summary();
    return { shortLived, longLived, addedP99Ms: shortLived.p99Ms - longLived.p99Ms };
  } finally {
    await short.close();
    await long.close();
  }
}

async function loadTarget(tokenLifetimeSeconds: number) {
  const server = await startTrivialServerThread({ tokenTtlSeconds: tokenLifetimeSeconds });
  const client = createPaloAltoSaasSecurityClient({ baseUrl: server.url, clientId: "load", clientSecret: "load-secret" });
  await client.GET("/incident/api/apps");
  const latencies: number[] = [];
  let failed = 0;
  return {
    async drive(seconds: number, lanes: number) {
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
    },
    async summary(): Promise<LoadRun> {
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return { tokenLifetimeSeconds, calls: sorted.length, failed, tokenRequests: await server.tokenRequests(), p50Ms: at(0.5), p99Ms: at(0.99) };
    },
    close: () => server.close(),
  };
}
