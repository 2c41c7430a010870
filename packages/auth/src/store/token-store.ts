import type { TokenRecord } from "../token/token-record.js";

/**
 * Where tokens live. Keys are opaque digests of a credential's identity (never a raw secret).
 * Methods may be sync or async, so an in-memory map and a network store (Redis) fit alike.
 * Values are plain JSON-safe records: a shared store may serialise them as it likes.
 */
export interface TokenStore {
  get(key: string): Promise<TokenRecord | undefined> | TokenRecord | undefined;
  /** `ttlMs` is how long the record is worth keeping; `undefined` for a token that never expires. */
  set(key: string, record: TokenRecord, ttlMs: number | undefined): Promise<void> | void;
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
   * - a function: the store's own derivation, e.g. PBKDF2 with a random salt it keeps, so keys
   *   written to a shared server give no secret away to a dictionary run.
   * - absent: a slow, salted derivation (PBKDF2-SHA-256, 100,000 rounds) once per client,
   *   since a store that does not say otherwise may share its keys.
   */
  deriveKey?: "in-process" | ((identity: string) => Promise<string>);
}
