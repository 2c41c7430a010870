import { createHash, randomInt } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random token in the appliance's style: 30 letters and digits (oauthlib's default). */
export function opaqueToken(length = 30): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** An access token and the refresh token issued with it. */
export interface IssuedPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** `expires_in` as sent: seconds, `0` = never. */
  readonly expiresIn: number;
  readonly scope: string;
}

interface AccessRecord {
  clientId: string;
  username: string;
  expiresAt: number | null;
  revoked: boolean;
  forcedExpired: boolean;
}

interface RefreshRecord {
  clientId: string;
  username: string;
  scope: string;
  accessToken: string;
  revoked: boolean;
}

interface CodeRecord {
  clientId: string;
  username: string;
  redirectUri: string | undefined;
  codeChallenge: string | undefined;
  expiresAt: number;
  used: boolean;
}

/** The outcome of {@link OAuthStore.lookupAccess}. */
export type AccessLookup =
  | { status: "valid"; clientId: string; username: string; expiresIn: number }
  | { status: "expired" | "revoked" | "unknown" };

/**
 * Tokens, refresh tokens and authorization codes of the OAuth service. Refresh tokens rotate:
 * redeeming one revokes it and the access token issued with it.
 */
export class OAuthStore {
  readonly #access = new Map<string, AccessRecord>();
  readonly #refresh = new Map<string, RefreshRecord>();
  readonly #codes = new Map<string, CodeRecord>();

  /** Issues a pair for `username` through application `clientId`. `ttlSeconds` 0 = never expires. */
  issue(clientId: string, username: string, scope: string, ttlSeconds: number): IssuedPair {
    const accessToken = opaqueToken();
    const refreshToken = opaqueToken();
    const expiresAt = ttlSeconds === 0 ? null : Date.now() + ttlSeconds * 1000;
    this.#access.set(accessToken, { clientId, username, expiresAt, revoked: false, forcedExpired: false });
    this.#refresh.set(refreshToken, { clientId, username, scope, accessToken, revoked: false });
    return { accessToken, refreshToken, expiresIn: ttlSeconds, scope };
  }

  lookupAccess(token: string): AccessLookup {
    const record = this.#access.get(token);
    if (!record) return { status: "unknown" };
    if (record.revoked) return { status: "revoked" };
    const now = Date.now();
    if (record.forcedExpired || (record.expiresAt !== null && now >= record.expiresAt)) return { status: "expired" };
    const expiresIn = record.expiresAt === null ? 0 : Math.max(1, Math.ceil((record.expiresAt - now) / 1000));
    return { status: "valid", clientId: record.clientId, username: record.username, expiresIn };
  }

  /**
   * Redeems a refresh token of `clientId` (rotation: it and its access token are revoked).
   * Returns the user and scope, or `undefined` for an unknown, revoked or foreign token.
   */
  redeemRefresh(token: string, clientId: string): { username: string; scope: string } | undefined {
    const record = this.#refresh.get(token);
    if (!record || record.revoked || record.clientId !== clientId) return undefined;
    record.revoked = true;
    const access = this.#access.get(record.accessToken);
    if (access) access.revoked = true;
    return { username: record.username, scope: record.scope };
  }

  /** Issues a single-use authorization code, as the login portal would after the user signed in. */
  issueCode(clientId: string, username: string, ttlSeconds: number, redirectUri?: string, codeChallenge?: string): string {
    const code = opaqueToken();
    this.#codes.set(code, { clientId, username, redirectUri, codeChallenge, expiresAt: Date.now() + ttlSeconds * 1000, used: false });
    return code;
  }

  /**
   * Redeems a code (it is used up even when the redirect URI or verifier is wrong, as RFC 6749
   * §10.5 advises). Returns the user, or a reason for `invalid_grant`.
   */
  redeemCode(code: string, clientId: string, redirectUri: string | undefined, verifier: string | undefined): { username: string } | { reason: string } {
    const record = this.#codes.get(code);
    if (!record || record.clientId !== clientId) return { reason: "Invalid authorization code." };
    if (record.used) return { reason: "Authorization code has already been used." };
    record.used = true;
    if (Date.now() >= record.expiresAt) return { reason: "Authorization code has expired." };
    if (record.redirectUri !== undefined && record.redirectUri !== redirectUri) return { reason: "Mismatching redirect URI." };
    if (record.codeChallenge !== undefined) {
      const computed = verifier === undefined ? undefined : createHash("sha256").update(verifier).digest("base64url");
      if (computed !== record.codeChallenge) return { reason: "Code verifier does not match the code challenge." };
    }
    return { username: record.username };
  }

  /** Every access token issued so far is expired from now on (refresh tokens stay good). */
  expireAll(): void {
    for (const record of this.#access.values()) record.forcedExpired = true;
  }

  /** Revokes an access or refresh token. Returns whether it was issued here. */
  revoke(token: string): boolean {
    const record = this.#access.get(token) ?? this.#refresh.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  clear(): void {
    this.#access.clear();
    this.#refresh.clear();
    this.#codes.clear();
  }
}
