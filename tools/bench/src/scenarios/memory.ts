import { createPaloAltoSaasSecurityClient } from "@secfetch/paloalto-saas-security";
import { cannedFetch } from "../harness/canned-fetch.js";
import { heapGrowth } from "../harness/heap.js";

export interface MemoryResult {
  calls: number;
  growthBytes: number;
}

/** Heap after `calls` calls vs after the first 1,000, GC forced: what the client keeps per call. */
export async function memory({ calls, concurrency }: { calls: number; concurrency: number }): Promise<MemoryResult> {
  const client = createPaloAltoSaasSecurityClient({ baseUrl: "https://api.example.test", clientId: "memory", clientSecret: "memory-secret", fetch: cannedFetch() });
  const run = async (count: number) => {
    let left = count;
    const lane = async () => {
      while (left-- > 0) {
        const { data } = await client.GET("/incident/api/apps");
        if (!data) throw new Error("the memory scenario's call failed");
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  };
  const warmup = Math.min(1_000, calls);
  await run(warmup);
  return { calls, growthBytes: await heapGrowth(() => run(calls - warmup)) };
}
