import type { StoredRecord, TokenStore } from "./token-store.js";

/** The default store: a Map in this process. Expired records are dropped when read. */
export function createMemoryTokenStore(now: () => number = Date.now): TokenStore {
  const records = new Map<string, { record: StoredRecord; dropAt: number | undefined }>();
  return {
    deriveKey: "in-process",
    get(key) {
      const entry = records.get(key);
      if (!entry) return undefined;
      if (entry.dropAt !== undefined && now() >= entry.dropAt) {
        records.delete(key);
        return undefined;
      }
      return entry.record;
    },
    set(key, record, ttlMs) {
      records.set(key, { record, dropAt: ttlMs === undefined ? undefined : now() + ttlMs });
    },
    delete(key) {
      records.delete(key);
    },
  };
}
