import type { Redactor } from "../errors/redact.js";
import type { EventListener } from "../events.js";
import { createMemoryTokenStore } from "./memory-token-store.js";
import type { TokenStore } from "./token-store.js";

// Per shared store, what this process wrote to it, read back while the store is unreachable: the
// clients of one process still share one token through an outage.
const fallbacks = new WeakMap<TokenStore, TokenStore>();
const guarded = new WeakMap<TokenStore, TokenStore>();

/** The store a guard stands in front of, or the store itself: what "the same store" means across clients. */
export function underlyingStore(store: TokenStore): TokenStore {
  return guarded.get(store) ?? store;
}

/**
 * Stands in front of a store that lives outside this process (Redis) so that its failure never
 * fails a call: a read that fails reads what this process last wrote, a write that fails is kept
 * in this process only, a lock that cannot be taken is skipped (this process still refreshes
 * once per key). `emit` hears `store.unavailable` once per outage (the store's error message
 * through `redactor`: a store's own error may quote what it was given) and `store.restored` when
 * the store answers again. An in-process store is returned as it is.
 */
export function guardStore(store: TokenStore | undefined, emit: EventListener, redactor?: Redactor): TokenStore | undefined {
  if (!store || store.deriveKey === "in-process") return store;
  let fallback = fallbacks.get(store);
  if (!fallback) fallbacks.set(store, (fallback = createMemoryTokenStore()));
  const local = fallback;

  let downSince: number | undefined;
  const attempt = async <T>(operation: () => T | Promise<T>, otherwise: () => T | Promise<T>): Promise<T> => {
    let value: T;
    try {
      value = await operation();
    } catch (error) {
      if (downSince === undefined) {
        downSince = Date.now();
        const { name = "Error", message = String(error) } = (error ?? {}) as { name?: string; message?: string };
        emit({ type: "store.unavailable", error: { name, message: redactor ? redactor.redact(message) : message } });
      }
      return otherwise();
    }
    if (downSince !== undefined) {
      emit({ type: "store.restored", outageMs: Date.now() - downSince });
      downSince = undefined;
    }
    return value;
  };
  const skip = () => {};

  const guard: TokenStore = {
    get: (key) => attempt(() => store.get(key), () => local.get(key)),
    set: (key, record, ttlMs) => {
      void local.set(key, record, ttlMs);
      return attempt(() => store.set(key, record, ttlMs), skip);
    },
    delete: (key) => {
      void local.delete(key);
      return attempt(() => store.delete(key), skip);
    },
    ...(store.lock
      ? {
          lock: async (key: string, ttlMs: number) => {
            const release = await attempt<(() => Promise<void> | void) | undefined>(() => store.lock!(key, ttlMs), () => undefined);
            // No lock taken, none to free (and freeing nothing is no sign the store is back).
            return release ? () => attempt(release, skip) : skip;
          },
        }
      : {}),
    ...(store.deriveKey ? { deriveKey: store.deriveKey } : {}),
  };
  guarded.set(guard, store);
  return guard;
}
