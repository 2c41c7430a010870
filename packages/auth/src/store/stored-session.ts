import { createSingleFlight, type SingleFlight } from "../util/single-flight.js";
import { SIGN_IN_LOCK_TTL_MS, type SessionRecord, type StoredRecord, type TokenStore } from "./token-store.js";

/** What a session handshake captured (the flows' `SessionValues`): the store keeps it as is. */
type SessionValues = SessionRecord["values"];

export interface StoredSessionOptions {
  /** A shared store (one with `lock`), guarded so that its failure falls back to this process. */
  store: TokenStore & Required<Pick<TokenStore, "lock">>;
  /** Where the session is kept: beside its token's record. */
  key: () => Promise<string>;
  /** Makes a new session (the handshake). */
  make: () => Promise<SessionValues>;
  /** Hears every session this process takes up, made here or read from the store. */
  onValues: (values: SessionValues) => void;
  now?: () => number;
}

const isSession = (record: StoredRecord | undefined): record is SessionRecord => (record as Partial<SessionRecord> | undefined)?.kind === "session";
const sameValues = (a: SessionValues, b: SessionValues) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * A server session shared by every process on one store: the first that needs one makes it under
 * the store's lock, the others read it. A refused session is dropped from the store under the
 * same lock, and only if it is still the stored one, so ten processes seeing one refusal renew
 * it once between them.
 */
export function createStoredSession(options: StoredSessionOptions): SingleFlight<SessionValues> {
  const { store, key } = options;
  const now = options.now ?? Date.now;
  // A drop still being written: the next session is not read before it lands.
  let dropping: Promise<void> | undefined;

  const flight = createSingleFlight(async () => {
    await dropping;
    const cacheKey = await key();
    const stored = await store.get(cacheKey);
    if (isSession(stored)) return take(stored.values);
    const release = await store.lock(cacheKey, SIGN_IN_LOCK_TTL_MS);
    try {
      const again = await store.get(cacheKey);
      if (isSession(again)) return take(again.values);
      const values = await options.make();
      await store.set(cacheKey, { kind: "session", values, issuedAt: now() }, undefined);
      return take(values);
    } finally {
      await release();
    }
  });

  function take(values: SessionValues): SessionValues {
    options.onValues(values);
    return values;
  }

  async function forget(used: SessionValues): Promise<void> {
    const cacheKey = await key();
    const release = await store.lock(cacheKey, SIGN_IN_LOCK_TTL_MS);
    try {
      const stored = await store.get(cacheKey);
      if (isSession(stored) && sameValues(stored.values, used)) await store.delete(cacheKey);
    } finally {
      await release();
    }
  }

  return {
    get: flight.get,
    peek: flight.peek,
    drop(used) {
      const current = flight.peek();
      flight.drop(used);
      if (current === undefined || (used !== undefined && used !== current)) return;
      const previous = dropping;
      dropping = (async () => {
        await previous;
        await forget(current);
      })().catch(() => {
        // A guarded store does not throw; a failed key derivation leaves the next read to find out.
      });
    },
  };
}
