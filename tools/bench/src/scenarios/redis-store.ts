import { randomBytes } from "node:crypto";
import { createMemoryTokenStore, type TokenStore } from "@secfetch/auth";
import { createPaloAltoSaasSecurityClient } from "@secfetch/paloalto-saas-security";
import { createRedisTokenStore } from "@secfetch/token-store-redis";
import { hasRedisServer, startRedisServer } from "@secfetch/token-store-redis/testing";
import { interleave, type Comparison } from "../harness/interleave.js";
import { startTrivialServerThread } from "../harness/server-thread.js";

export interface RedisStoreResult {
  /** `get` of a stored token: Redis (a local redis-server over loopback) vs the in-memory store. */
  lookups: Comparison;
  /** A call with the token already in hand: a client on Redis vs one on memory. */
  cachedCall: Comparison;
  /** A fresh client's first call, the token in the store (a worker that starts after the others signed in). */
  freshClientCall: Comparison;
}

/**
 * What sharing tokens through Redis costs: a lookup against one in memory, and what it adds to
 * a call, when the client holds the token (nothing, it does not ask Redis) and when a fresh
 * client must read it first. Sealed values (an encryption key) as a fleet would run them.
 */
export async function redisStore({ rounds, ops }: { rounds: number; ops: number }): Promise<RedisStoreResult | { skipped: string }> {
  if (!hasRedisServer()) return { skipped: "redis-server is not installed (apt-get install redis-server)" };
  const [redis, server] = await Promise.all([startRedisServer(), startTrivialServerThread()]);
  const stores: Array<ReturnType<typeof createRedisTokenStore>> = [];
  const onRedis = () => {
    const store = createRedisTokenStore({ url: redis.url, encryptionKey: key });
    stores.push(store);
    return store;
  };
  const key = randomBytes(32);
  try {
    const shared = onRedis();
    const memory = createMemoryTokenStore();
    const record = { accessToken: "bench-token", tokenType: "bearer", expiresAt: Date.now() + 3_600_000, issuedAt: Date.now() };
    await shared.set("bench", record, 3_600_000);
    await memory.set("bench", record, 3_600_000);
    const lookups = await interleave(
      async () => shared.get("bench"),
      async () => memory.get("bench"),
      { rounds, ops },
    );

    const options = (tokenStore: TokenStore) => ({ baseUrl: server.url, clientId: "bench", clientSecret: "bench-secret", tokenStore });
    const redisClient = createPaloAltoSaasSecurityClient(options(shared));
    const memoryClient = createPaloAltoSaasSecurityClient(options(memory));
    await Promise.all([redisClient.auth.getToken(), memoryClient.auth.getToken()]);
    const call = async (client: typeof redisClient) => {
      const { response } = await client.GET("/incident/api/apps");
      if (!response.ok) throw new Error("the bench call failed");
    };
    const cachedCall = await interleave(() => call(redisClient), () => call(memoryClient), { rounds, ops });

    // One connection for every fresh client, as a worker's clients would share one store.
    const freshClientCall = await interleave(
      () => call(createPaloAltoSaasSecurityClient(options(shared))),
      () => call(createPaloAltoSaasSecurityClient(options(memory))),
      { rounds, ops: Math.max(1, Math.floor(ops / 10)) },
    );
    return { lookups, cachedCall, freshClientCall };
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all([redis.stop(), server.close()]);
  }
}
