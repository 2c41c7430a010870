import { describe, expect, it } from "vitest";
import { createMemoryTokenStore, createRedactor, createTokenManager, guardStore, type SecfetchEvent, type TokenRecord, type TokenStore } from "../../src/building-blocks.js";

/** A shared store (it keeps no "in-process" keys) whose server can be switched off. */
function flakyStore() {
  const inner = createMemoryTokenStore();
  const state = { down: false, locks: 0 };
  const check = () => {
    if (state.down) throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
  };
  const store: TokenStore = {
    deriveKey: async (identity) => `k:${identity}`,
    get: async (key) => (check(), inner.get(key)),
    set: async (key, record, ttl) => (check(), inner.set(key, record, ttl)),
    delete: async (key) => (check(), inner.delete(key)),
    lock: async () => {
      check();
      state.locks++;
      return async () => check();
    },
  };
  return { store, state };
}

let issued = 0;
const acquire = async (): Promise<TokenRecord> => ({ accessToken: `token-${++issued}`, tokenType: "bearer", expiresAt: Date.now() + 3_600_000, issuedAt: Date.now() });

describe("guardStore", () => {
  it("leaves an in-process store as it is", () => {
    const memory = createMemoryTokenStore();
    expect(guardStore(memory, () => {})).toBe(memory);
    expect(guardStore(undefined, () => {})).toBeUndefined();
  });

  it("keeps calls going through an outage, says so once, and says when the store is back", async () => {
    const { store, state } = flakyStore();
    const events: SecfetchEvent[] = [];
    const guarded = guardStore(store, (event) => events.push(event))!;
    state.down = true;
    const manager = createTokenManager({ key: async () => "credential", acquire, store: guarded });
    const first = await manager.getToken();
    await manager.invalidate(first);
    const second = await manager.getToken();
    expect(second).not.toBe(first);
    expect(events.map((event) => event.type)).toEqual(["store.unavailable"]);
    expect(events[0]).toMatchObject({ error: { name: "Error", message: "connect ECONNREFUSED 127.0.0.1:6379" } });

    state.down = false;
    await manager.invalidate(second);
    await manager.getToken();
    expect(events.map((event) => event.type)).toEqual(["store.unavailable", "store.restored"]);
    expect(state.locks).toBe(1);
  });

  it("says why the store failed without repeating a secret the store's error quotes", async () => {
    const events: SecfetchEvent[] = [];
    const leaky: TokenStore = {
      get: () => {
        throw new Error("cannot write {\"accessToken\":\"tok-4f9a\"} for client s3cr3t-value");
      },
      set: () => {},
      delete: () => {},
    };
    const guarded = guardStore(leaky, (event) => events.push(event), createRedactor(["s3cr3t-value"]))!;
    await guarded.get("k");
    const said = JSON.stringify(events);
    expect(said).toContain("store.unavailable");
    expect(said).not.toContain("s3cr3t-value");
  });

  it("lets clients of one process share what they wrote while the store was away", async () => {
    const { store, state } = flakyStore();
    state.down = true;
    const before = issued;
    const one = createTokenManager({ key: async () => "shared", acquire, store: guardStore(store, () => {})! });
    const two = createTokenManager({ key: async () => "shared", acquire, store: guardStore(store, () => {})! });
    const [a, b] = await Promise.all([one.getToken(), two.getToken()]);
    expect(a).toBe(b);
    expect(issued - before).toBe(1);
    const three = createTokenManager({ key: async () => "shared", acquire, store: guardStore(store, () => {})! });
    expect(await three.getToken()).toBe(a);
  });
});
