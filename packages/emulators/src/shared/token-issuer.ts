import { randomBytes, randomUUID } from "node:crypto";

/** An access token the emulator issued. */
export interface IssuedToken {
  /** The opaque token string (43 base64url characters). */
  readonly token: string;
  /** Token id (a UUID). */
  readonly jti: string;
  readonly clientId: string;
  /** Scopes granted. */
  readonly scopes: readonly string[];
  readonly tenant: string;
  /** Issue time, epoch milliseconds. */
  readonly issuedAt: number;
  /** Expiry, epoch milliseconds; `null` = never expires. */
  readonly expiresAt: number | null;
}

/** The outcome of {@link TokenIssuer.lookup}. */
export type TokenLookup =
  | { status: "valid"; token: IssuedToken }
  | { status: "expired" | "revoked" | "unknown" };

/** How a {@link TokenIssuer} behaves. */
export interface TokenIssuerOptions {
  /** Lifetime of each token in seconds; `null` = tokens never expire. */
  ttlSeconds: number | null;
  /** Clock, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Issues opaque random bearer tokens and answers whether a presented token is still good. */
export class TokenIssuer {
  readonly #tokens = new Map<string, IssuedToken & { revoked: boolean; forcedExpired: boolean }>();
  readonly #now: () => number;
  readonly ttlSeconds: number | null;

  constructor(options: TokenIssuerOptions) {
    if (options.ttlSeconds !== null && !(options.ttlSeconds >= 0)) {
      throw new TypeError("ttlSeconds must be a non-negative number or null");
    }
    this.ttlSeconds = options.ttlSeconds;
    this.#now = options.now ?? Date.now;
  }

  /** Issues a new token for `clientId` with `scopes`. */
  issue(clientId: string, scopes: readonly string[], tenant: string): IssuedToken {
    const issuedAt = this.#now();
    const token: IssuedToken = {
      token: randomBytes(32).toString("base64url"),
      jti: randomUUID(),
      clientId,
      scopes: [...scopes],
      tenant,
      issuedAt,
      expiresAt: this.ttlSeconds === null ? null : issuedAt + this.ttlSeconds * 1000,
    };
    this.#tokens.set(token.token, { ...token, revoked: false, forcedExpired: false });
    return token;
  }

  /** Looks up a presented token string. */
  lookup(token: string): TokenLookup {
    const entry = this.#tokens.get(token);
    if (!entry) return { status: "unknown" };
    if (entry.revoked) return { status: "revoked" };
    if (entry.forcedExpired || (entry.expiresAt !== null && this.#now() >= entry.expiresAt)) {
      return { status: "expired" };
    }
    const { revoked: _revoked, forcedExpired: _forced, ...issued } = entry;
    return { status: "valid", token: issued };
  }

  /** Makes every token issued so far expired (tokens issued afterwards are fine). */
  expireAll(): void {
    for (const entry of this.#tokens.values()) entry.forcedExpired = true;
  }

  /** Revokes one token. Returns whether it was known. */
  revoke(token: string): boolean {
    const entry = this.#tokens.get(token);
    if (!entry) return false;
    entry.revoked = true;
    return true;
  }

  /** Every token issued so far, oldest first (expired and revoked ones included). */
  get issued(): readonly IssuedToken[] {
    return [...this.#tokens.values()].map(({ revoked: _r, forcedExpired: _f, ...issued }) => issued);
  }

  /** Forgets every token. */
  clear(): void {
    this.#tokens.clear();
  }
}
