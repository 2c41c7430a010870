import type { TokenRecord } from "../token/token-record.js";

/**
 * A server session made from a token (a cookie and a CSRF token), kept so that processes sharing
 * a store share one session. It lasts until the server refuses it.
 */
export interface SessionRecord {
  kind: "session";
  /** The values the sign-in handshake captured (`session`, `csrf`, …). */
  values: Readonly<Record<string, string>>;
  issuedAt: number;
}

/** What a store keeps under a key: a token, or a session made from one. Plain JSON-safe data. */
export type StoredRecord = TokenRecord | SessionRecord;

/**
 * Where tokens live. Keys are opaque digests of a credential's identity (never a raw secret).
 * Methods may be sync or async, so an in-memory map and a network store (Redis) fit alike.
 * Values are plain JSON-safe records: a shared store may serialise them as it likes.
 *
 * A store shared between processes may fail (its server down, a timeout): the client then goes
 * on with what it holds in this process and says so once (`store.unavailable` to `onEvent`),
 * never failing a call because the store did.
 */
export interface TokenStore {
  get(key: string): Promise<StoredRecord | undefined> | StoredRecord | undefined;
  /** `ttlMs` is how long the record is worth keeping; `undefined` for a record that never expires. */
  set(key: string, record: StoredRecord, ttlMs: number | undefined): Promise<void> | void;
  delete(key: string): Promise<void> | void;
  /**
   * For stores shared between processes: hold a lock on `key` for at most `ttlMs` and resolve
   * with its release. The manager takes it around a refresh and reads the store again inside
   * it, so processes sharing a store refresh once between them and never spend one rotating
   * refresh token twice. An in-process store needs none (one refresh in flight per key already).
   */
  lock?(key: string, ttlMs: number): Promise<() => Promise<void> | void>;
  /**
   * How a credential's identity (its secret included) becomes the key it is kept under.
   * - `"in-process"`: keys never leave this process, so a fast digest (SHA-256) is enough —
   *   the in-memory store says so, and a client's first call costs no key stretching.
   * - a function: the store's own derivation, e.g. an HMAC with a key only its users hold, so
   *   keys written to a shared server give no secret away to a dictionary run.
   * - absent: a slow, salted derivation (PBKDF2-SHA-256, 100,000 rounds) once per client,
   *   since a store that does not say otherwise may share its keys.
   */
  deriveKey?: "in-process" | ((identity: string) => Promise<string>);
}

/**
 * How long a process may hold a store's lock around a sign-in, a refresh or a session handshake:
 * long enough for a sign-in with an MFA push, short enough that a crashed holder frees the key.
 */
export const SIGN_IN_LOCK_TTL_MS = 150_000;

/** A stored token, as opposed to a stored session. */
export function isTokenRecord(record: StoredRecord | undefined): record is TokenRecord {
  return record !== undefined && (record as Partial<SessionRecord>).kind !== "session" && typeof (record as TokenRecord).accessToken === "string";
}
