import { createPaloAltoSaasSecurityClient } from "@secfetch/paloalto-saas-security";
import { heapGrowth } from "../harness/heap.js";
import { interleave, type Comparison } from "../harness/interleave.js";
import { startTrivialServerThread } from "../harness/server-thread.js";

export interface PagingResult extends Comparison {
  items: number;
  pageSize: number;
  /** Heap growth over one walk of `items`, GC forced before and after (bytes). */
  heapGrowthBytes: number;
}

/**
 * `paginate()` over `items` small items vs a hand-written loop that follows `nextPath` itself,
 * both on the same client (cached token) and server: what the paging engine costs.
 */
export async function paging({ items, pageSize, rounds }: { items: number; pageSize: number; rounds: number }): Promise<PagingResult> {
  const server = await startTrivialServerThread({ totalItems: items });
  try {
    const client = createPaloAltoSaasSecurityClient({ baseUrl: server.url, clientId: "bench", clientSecret: "bench-secret" });
    const query = { limit: pageSize };
    const engine = async () => {
      let count = 0;
      for await (const _ of client.paginate("/incident/api/incidents/delta", { params: { query } })) count++;
      if (count !== items) throw new Error(`paginate saw ${count} of ${items} items`);
    };
    const byHand = async () => {
      let count = 0;
      let next: string | undefined = `/incident/api/incidents/delta?limit=${pageSize}`;
      while (next) {
        const url: URL = new URL(next, "http://x");
        const answer: { data?: unknown } = await client.GET("/incident/api/incidents/delta", {
          params: { query: Object.fromEntries(url.searchParams) },
        });
        const page = answer.data as { resources: unknown[]; nextPath?: string };
        for (const _ of page.resources) count++;
        next = page.resources.length < pageSize ? undefined : page.nextPath;
      }
      if (count !== items) throw new Error(`the hand loop saw ${count} of ${items} items`);
    };
    const comparison = await interleave(engine, byHand, { rounds, ops: 1 });
    return { ...comparison, items, pageSize, heapGrowthBytes: await heapGrowth(engine) };
  } finally {
    await server.close();
  }
}
