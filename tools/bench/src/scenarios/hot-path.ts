import createClient from "openapi-fetch";
import { createPaloAltoSaasSecurityClient, type PaloAltoSaasSecurityPaths } from "@secfetch/paloalto-saas-security";
import { interleave, type Comparison } from "../harness/interleave.js";
import { cannedFetch } from "../harness/canned-fetch.js";
import { startTrivialServerThread } from "../harness/server-thread.js";

export interface HotPathResult {
  concurrency1: Comparison;
  concurrency8: Comparison;
  /** What the client adds per call with the network taken out (an in-memory fetch for both), µs. */
  overheadMicroseconds: number;
}

/**
 * A vendor client with its token cached vs raw openapi-fetch with the same token set by hand, on
 * the same server (Palo Alto's emulator on its own thread), the same operation, the same parsing.
 */
export async function hotPath({ rounds, ops }: { rounds: number; ops: number }): Promise<HotPathResult> {
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
    return {
      concurrency1: await interleave(oursCall, rawCall, { rounds, ops, concurrency: 1 }),
      concurrency8: await interleave(oursCall, rawCall, { rounds, ops, concurrency: 8 }),
      overheadMicroseconds: await inProcessOverhead(rounds, ops * 5),
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
