import { createEventSink, type EventListener } from "../events.js";
import { underlyingStore } from "../store/guarded-store.js";
import { createMemoryTokenStore } from "../store/memory-token-store.js";
import { isTokenRecord, SIGN_IN_LOCK_TTL_MS, type TokenStore } from "../store/token-store.js";
import { abortable } from "../util/abortable.js";
import type { TokenRecord } from "./token-record.js";
import type { TokenSource } from "./token-source.js";

export interface TokenManagerOptions {
  /** The cache key: a digest of everything that scopes the token (host, client, scopes, secret). */
  key: () => Promise<string>;
  /**
   * Gets a new token; `current` is the one being replaced, for flows that refresh with it.
   * `signal` aborts once every caller waiting for this sign-in has given up (a push nobody
   * waits for any more is not polled to its deadline).
   */
  acquire: (context: { current: TokenRecord | undefined; signal: AbortSignal }) => Promise<TokenRecord>;
  store?: TokenStore;
  onEvent?: EventListener;
  /** Called with every new record, e.g. to teach a redactor its token values. */
  onRecord?: (record: TokenRecord) => void;
  /** Refresh this long before expiry, in the background (capped at half the token's lifetime). Default 120 000. */
  refreshWindowMs?: number;
  /** Callers wait for a new token only in this last stretch (capped at a tenth of the lifetime). Default 10 000. */
  mustRefreshWindowMs?: number;
  /** After a failed background refresh, wait this long before trying again. Default 3 000. */
  retryIntervalMs?: number;
  now?: () => number;
}

export interface TokenManager extends TokenSource {
  /** The whole current record (token type, refresh token, expiry), for steps that need more than the token. */
  getRecord(options?: { signal?: AbortSignal }): Promise<TokenRecord>;
  /**
   * Keeps the token fresh without waiting for it: starts a background refresh when one is due
   * (at most one per retry interval after a failure). For flows whose calls carry a session
   * made from the token rather than the token itself.
   */
  warm(): void;
  /** The record in hand when it is fresh, without waiting or starting anything (the fast path); else `undefined`. */
  peek(): TokenRecord | undefined;
  /** The key the token is kept under in the store; records made from the token (a session) are kept beside it. */
  cacheKey(): Promise<string>;
}

/** One sign-in in flight, shared by its callers; aborted only when all of them have given up. */
interface Flight {
  promise: Promise<TokenRecord>;
  controller: AbortController;
  /** Callers that cannot give up (no signal, or a background refresh): while any join, it runs on. */
  steadfast: number;
  /** Callers with a signal that has not aborted yet. */
  waiting: number;
}

// One refresh in flight per key, shared by every manager that uses the same store.
const inFlightByStore = new WeakMap<TokenStore, Map<string, Flight>>();

/** How long a store keeps a record: a refresh token outlives its access token, so such records stay. */
function storeTtl(record: TokenRecord): number | undefined {
  if (record.refreshToken !== undefined || record.expiresAt === null) return undefined;
  return Math.max(0, record.expiresAt - Date.now());
}

export const TOKEN_MANAGER_DEFAULTS = { refreshWindowMs: 120_000, mustRefreshWindowMs: 10_000, retryIntervalMs: 3_000 };

/**
 * The token cycler. Simple rules, the ones the best SDK cores use:
 * - a token is *fresh* until its refresh window; it is served as is;
 * - inside the window it is still served, while one background refresh runs;
 * - in the last stretch (or once gone) callers wait for the one shared refresh;
 * - a failed background refresh keeps the old token and is tried again after `retryIntervalMs`,
 *   until the old token really lapses and the failure reaches callers.
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const store = options.store ?? createMemoryTokenStore();
  const now = options.now ?? Date.now;
  const emit = createEventSink(options.onEvent);
  const refreshWindowMs = options.refreshWindowMs ?? TOKEN_MANAGER_DEFAULTS.refreshWindowMs;
  const mustRefreshWindowMs = options.mustRefreshWindowMs ?? TOKEN_MANAGER_DEFAULTS.mustRefreshWindowMs;
  const retryIntervalMs = options.retryIntervalMs ?? TOKEN_MANAGER_DEFAULTS.retryIntervalMs;
  const shared = underlyingStore(store);
  let inFlight = inFlightByStore.get(shared);
  if (!inFlight) inFlightByStore.set(shared, (inFlight = new Map<string, Flight>()));
  const pending = inFlight;

  let keyPromise: Promise<string> | undefined;
  const key = () => (keyPromise ??= options.key());
  let local: TokenRecord | undefined;
  let backgroundPausedUntil = 0;

  const lifetime = (record: TokenRecord) => (record.expiresAt === null ? Infinity : record.expiresAt - record.issuedAt);
  const isFresh = (record: TokenRecord) =>
    record.expiresAt === null || now() < record.expiresAt - Math.min(refreshWindowMs, lifetime(record) / 2);
  const isUsable = (record: TokenRecord) =>
    record.expiresAt === null || now() < record.expiresAt - Math.min(mustRefreshWindowMs, lifetime(record) / 10);

  async function refresh(current: TokenRecord | undefined, background: boolean, signal?: AbortSignal): Promise<TokenRecord> {
    const cacheKey = await key();
    const running = pending.get(cacheKey);
    if (running) return join(running, background ? undefined : signal);
    const started = now();
    const controller = new AbortController();
    const run = (async () => {
      // Yield once so the entry below is in the map before any of the work (or its failure) runs.
      await Promise.resolve();
      const release = store.lock ? await store.lock(cacheKey, SIGN_IN_LOCK_TTL_MS) : undefined;
      try {
        if (release) {
          // Another process may have refreshed while we waited for the lock.
          const stored = await read(cacheKey);
          if (stored && stored.accessToken !== current?.accessToken && isFresh(stored)) return stored;
        }
        const record = await options.acquire({ current, signal: controller.signal });
        options.onRecord?.(record);
        await store.set(cacheKey, record, storeTtl(record));
        local = record;
        const expiresInMs = record.expiresAt === null ? null : record.expiresAt - now();
        const durationMs = now() - started;
        emit(current ? { type: "token.refreshed", durationMs, expiresInMs, background } : { type: "token.issued", durationMs, expiresInMs });
        return record;
      } catch (error) {
        const { name = "Error", message = String(error), status, code } = (error ?? {}) as Record<string, never>;
        emit({ type: "token.failed", durationMs: now() - started, background, error: { name, message, status, code } });
        throw error;
      } finally {
        pending.delete(cacheKey);
        await release?.();
      }
    })();
    const flight: Flight = { promise: run, controller, steadfast: 0, waiting: 0 };
    pending.set(cacheKey, flight);
    return join(flight, background ? undefined : signal);
  }

  function join(flight: Flight, signal: AbortSignal | undefined): Promise<TokenRecord> {
    if (!signal) {
      flight.steadfast++;
      return flight.promise;
    }
    flight.waiting++;
    const leave = () => {
      flight.waiting--;
      if (flight.waiting === 0 && flight.steadfast === 0) flight.controller.abort(signal.reason);
    };
    if (signal.aborted) leave();
    else {
      signal.addEventListener("abort", leave, { once: true });
      const forget = () => signal.removeEventListener("abort", leave);
      flight.promise.then(forget, forget);
    }
    return abortable(flight.promise, signal);
  }

  /**
   * The stored record, unless the one in hand is fresh and the stored one is not (a store that
   * came back from an outage with an old record). A stored one becomes this process's own (its
   * values taught to the redactor, since another process may have made it).
   */
  async function read(cacheKey: string): Promise<TokenRecord | undefined> {
    const stored = await store.get(cacheKey);
    if (!isTokenRecord(stored) || (local && isFresh(local) && !isFresh(stored))) return local;
    if (stored.accessToken !== local?.accessToken || stored.refreshToken !== local.refreshToken) options.onRecord?.(stored);
    local = stored;
    return stored;
  }

  /** The record in hand if it is fresh: no store read, no wait. */
  const peek = () => (local && isFresh(local) ? local : undefined);

  async function current(): Promise<TokenRecord | undefined> {
    const fresh = peek();
    if (fresh) return fresh;
    return read(await key());
  }

  async function getRecord({ signal }: { signal?: AbortSignal } = {}): Promise<TokenRecord> {
    signal?.throwIfAborted();
    const record = await current();
    if (record && isFresh(record)) return record;
    if (record && isUsable(record)) {
      if (now() >= backgroundPausedUntil) {
        refresh(record, true).catch(() => {
          backgroundPausedUntil = now() + retryIntervalMs;
        });
      }
      return record;
    }
    return refresh(record, false, signal);
  }

  function warm(): void {
    // Called on every call a session carries: a fresh token returns here, with no promise made.
    if (peek()) return;
    void (async () => {
      const record = await current();
      if ((record && isFresh(record)) || now() < backgroundPausedUntil) return;
      await refresh(record, true);
    })().catch(() => {
      backgroundPausedUntil = now() + retryIntervalMs;
    });
  }

  return {
    getRecord,
    warm,
    peek,
    cacheKey: key,
    async getToken(opts) {
      return (await getRecord(opts)).accessToken;
    },
    async invalidate(token) {
      const cacheKey = await key();
      const found = await store.get(cacheKey);
      const stored = isTokenRecord(found) ? found : undefined;
      if (token !== undefined && stored && stored.accessToken !== token) {
        if (local?.accessToken === token) local = stored;
        return;
      }
      const dropped = stored ?? local;
      if (token === undefined || local?.accessToken === token) local = undefined;
      if (dropped?.refreshToken) {
        // The access token is gone, the refresh token is not: keep it (rotated ones are single
        // use, and signing in from scratch could mean another MFA prompt).
        const expired = { ...dropped, expiresAt: 0 };
        local = expired;
        await store.set(cacheKey, expired, undefined);
      } else if (stored) {
        await store.delete(cacheKey);
      }
    },
  };
}
