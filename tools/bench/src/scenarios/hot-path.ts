import createClient from "openapi-fetch";
import { createPaloAltoSaasSecurityClient, type PaloAltoSaasSecurityPaths } from "@secfetch/paloalto-saas-security";
import { alternateCalls } from "../harness/alternate-calls.js";
import { bytesPerOperation } from "../harness/allocations.js";
import { interleave, type Comparison } from "../harness/interleave.js";
import { cannedFetch } from "../harness/canned-fetch.js";
import { startTrivialServerThread } from "../harness/server-thread.js";

// Thousands of calls each before any is timed, or the JIT's work lands in the measurement.
const WARMUP_CALLS = 4_000;

export interface HotPathResult {
  concurrency1: Comparison;
  concurrency8: Comparison;
  /** What the client adds per call with the network taken out (an in-memory fetch for both), µs. */
  overheadMicroseconds: number;
  /** Heap bytes one call takes on the main thread, end to end (fetch's own included), median of batches. */
  allocatedBytesPerCall: { ours: number; raw: number };
}

/**
 * A vendor client with its token cached vs raw openapi-fetch with the same token set by hand, on
 * the same server (Palo Alto's emulator on its own thread), the same operation, the same parsing.
 */
export async function hotPath({ calls }: { calls: number }): Promise<HotPathResult> {
  const server = await startTrivialServerThread();
  try {
    const ours = createPaloAltoSaasSecurityClient({ baseUrl: server.url, clientId: "bench", clientSecret: "bench-secret" });
    const token = await ours.auth.getToken();
    const raw = createClient<PaloAltoSaasSecurityPaths>({ baseUrl: server.url, headers: { authorization: `Bearer ${token}` } });
    const call = async (client: typeof raw) => {
      const { data, error } = await client.GET("/incident/api/apps");
      if (error || !data) throw new Error("the hot-path call failed");
    };
    const oursCall = () => call(ours as unknown as typeof raw);
    const rawCall = () => call(raw);
    const allocations = { batches: 12, perBatch: Math.min(calls, 100) };
    const warmupCalls = Math.min(WARMUP_CALLS, calls);
    return {
      concurrency1: await alternateCalls(oursCall, rawCall, { calls, concurrency: 1, warmupCalls }),
      concurrency8: await alternateCalls(oursCall, rawCall, { calls, concurrency: 8, warmupCalls }),
      overheadMicroseconds: await inProcessOverhead(12, Math.ceil(calls / 2)),
      allocatedBytesPerCall: { ours: await bytesPerOperation(oursCall, allocations), raw: await bytesPerOperation(rawCall, allocations) },
    };
  } finally {
    await server.close();
  }
}

async function inProcessOverhead(rounds: number, ops: number): Promise<number> {
  const fetch = cannedFetch();
  const ours = createPaloAltoSaasSecurityClient({ baseUrl: "https://api.example.test", clientId: "bench", clientSecret: "bench-secret", fetch });
  const token = await ours.auth.getToken();
  const raw = createClient<PaloAltoSaasSecurityPaths>({ baseUrl: "https://api.example.test", headers: { authorization: `Bearer ${token}` }, fetch });
  const comparison = await interleave(
    () => ours.GET("/incident/api/apps"),
    () => raw.GET("/incident/api/apps"),
    { rounds, ops },
  );
  return comparison.extraMicroseconds;
}
