import { describe, expect, it } from "vitest";
import { createMemoryTokenStore, type TokenStore } from "../../src/building-blocks.js";
import { deriveCacheKey, secretDigest } from "../../src/util/digest.js";

const identity = JSON.stringify(["@secfetch/x", "client-credentials", "https://id.example.test/token", "client-1", "s3cr#t:with odd chars ✓"]);

function sharedStore(extra: Partial<TokenStore> = {}): TokenStore {
  const memory = createMemoryTokenStore();
  return { get: memory.get, set: memory.set, delete: memory.delete, ...extra };
}

describe("cache keys", () => {
  it("the in-process store (and no store) gets a fast SHA-256 key: same identity, same key; no secret in it", async () => {
    const first = await deriveCacheKey(createMemoryTokenStore(), identity, "salt");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await deriveCacheKey(undefined, identity, "salt")).toBe(first);
    expect(await deriveCacheKey(createMemoryTokenStore(), identity.replace("client-1", "client-2"), "salt")).not.toBe(first);
    expect(first).not.toContain("s3cr");
  });

  it("a store that does not say how gets the slow, salted derivation, since its keys may leave the process", async () => {
    const key = await deriveCacheKey(sharedStore(), identity, "salt");
    expect(key).toBe(await secretDigest(identity, "salt"));
    expect(key).not.toBe(await deriveCacheKey(createMemoryTokenStore(), identity, "salt"));
  });

  it("a store with its own derivation (a salt it keeps) is asked for every key", async () => {
    const asked: string[] = [];
    const store = sharedStore({
      deriveKey: async (text) => {
        asked.push(text);
        return `kept-salt:${(await secretDigest(text, "kept-salt")).slice(0, 16)}`;
      },
    });
    expect(await deriveCacheKey(store, identity, "salt")).toMatch(/^kept-salt:[0-9a-f]{16}$/);
    expect(asked).toEqual([identity]);
  });
});
