import { randomUUID } from "node:crypto";
import { createPaloAltoSaasSecurityClient, type SecfetchEvent } from "@secfetch/paloalto-saas-security";
import { startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedisTokenStore, type RedisTokenStore } from "../src/index.js";
import { startRedisServer, type RedisServer } from "../src/testing.js";
import { requireRedisOrSkip } from "./support/require-redis.js";

const TOKEN = "POST /oauth/token";

describe.skipIf(!requireRedisOrSkip())("Redis away in the middle of a run", () => {
  let redis: RedisServer;
  let emulator: PaloAltoSaasSecurityEmulator;
  let stores: RedisTokenStore[] = [];
  let keyPrefix = "";

  beforeAll(async () => {
    redis = await startRedisServer();
    // 6 s tokens: fresh for 3 s, so a client soon has to look in the store again.
    emulator = await startPaloAltoSaasSecurityEmulator({ tokenTtlSeconds: 6 });
  });
  afterAll(async () => {
    await emulator?.close();
    await redis?.stop();
  });
  beforeEach(() => {
    keyPrefix = `outage-${randomUUID()}:`;
    emulator.clearRequests();
  });
  afterEach(async () => {
    redis.thaw();
    await redis.start();
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
  });

  /** One worker of the fleet: its own store (its own connection), as another process would have. */
  function worker() {
    const store = createRedisTokenStore({ url: redis.url, keyPrefix, commandTimeoutMs: 200 });
    stores.push(store);
    const events: SecfetchEvent[] = [];
    const client = createPaloAltoSaasSecurityClient({ ...emulator.clientOptions(), tokenStore: store, onEvent: (event) => events.push(event) });
    const call = async () => (await client.GET("/incident/api/apps")).response.status;
    const said = () => events.filter((event) => event.type.startsWith("store.")).map((event) => event.type);
    return { call, said, store };
  }

  it("goes on with a token per process while Redis is down, and shares again once it is back", async () => {
    const early = worker();
    expect(await early.call()).toBe(200);
    await redis.stop();

    // Cold workers while Redis is down: each signs in for itself, and no call fails.
    const alone = [worker(), worker()];
    for (const each of alone) {
      expect(await Promise.all([each.call(), each.call(), each.call()])).toEqual([200, 200, 200]);
      expect(each.said()).toEqual(["store.unavailable"]);
    }
    const aloneSince = Date.now();
    expect(await early.call()).toBe(200);
    expect(emulator.count(TOKEN)).toBe(3);

    await redis.start();
    await waitUntil(async () => (await fresh().get("probe")) === undefined);
    await sleepUntil(aloneSince + 500);

    // Back: new workers share one token again...
    const [one, two] = [worker(), worker()];
    expect(await Promise.all([one.call(), two.call()])).toEqual([200, 200]);
    expect(emulator.count(TOKEN)).toBe(4);
    // ...and a worker of the outage, due a refresh, takes theirs instead of signing in.
    await sleepUntil(aloneSince + 3100);
    expect(await alone[0]!.call()).toBe(200);
    await waitUntil(async () => alone[0]!.said().length === 2);
    expect(alone[0]!.said()).toEqual(["store.unavailable", "store.restored"]);
    expect(emulator.count(TOKEN)).toBe(4);
  });

  it("does not wait on a hung Redis longer than the command timeout", async () => {
    const early = worker();
    expect(await early.call()).toBe(200);
    redis.freeze();
    const hung = worker();
    const started = Date.now();
    expect(await hung.call()).toBe(200);
    expect(hung.said()).toEqual(["store.unavailable"]);
    // Generous: the point is "not forever"; a lock wait on a hung server would never end.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  function fresh(): RedisTokenStore {
    const store = createRedisTokenStore({ url: redis.url, keyPrefix, commandTimeoutMs: 200 });
    stores.push(store);
    return store;
  }
});

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
