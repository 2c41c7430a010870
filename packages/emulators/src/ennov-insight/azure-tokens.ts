import { randomBytes, randomUUID } from "node:crypto";

/** An access token the emulated Entra ID issued. */
export interface AzureAccessToken {
  /** The token string: a JWT-shaped `header.payload.signature` (the signature is random bytes). */
  readonly token: string;
  /** Client id of the app the token is for (`aud`). */
  readonly audience: string;
  /** Client id of the app that asked for it (`appid`). */
  readonly clientId: string;
  readonly tenantId: string;
  readonly username: string;
  /** Expiry, epoch milliseconds. */
  readonly expiresAt: number;
}

/** The outcome of {@link AzureTokens.lookup}. */
export type AzureTokenLookup = { status: "valid"; token: AzureAccessToken } | { status: "expired" | "unknown" };

/**
 * Issues and remembers access and ID tokens. They look like Entra ID's JWTs (so clients that peek
 * at claims see the usual ones) but are not signed; InSight checks them here instead, standing in
 * for the signature check a real resource server makes.
 */
export class AzureTokens {
  readonly #tokens = new Map<string, AzureAccessToken & { forcedExpired: boolean }>();

  constructor(private readonly loginUrl: () => string) {}

  /** Issues an access token (and an ID token for the same sign-in). */
  issue(request: { audience: string; clientId: string; tenantId: string; username: string; ttlSeconds: number; scope: string }): {
    accessToken: AzureAccessToken;
    idToken: string;
  } {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + request.ttlSeconds;
    const oid = randomUUID();
    const common = { iat: now, nbf: now, exp, tid: request.tenantId, oid, upn: request.username };
    const token = jwt({
      aud: request.audience,
      iss: `https://sts.windows.net/${request.tenantId}/`,
      appid: request.clientId,
      scp: request.scope,
      ver: "1.0",
      ...common,
    });
    const idToken = jwt({
      aud: request.clientId,
      iss: `${this.loginUrl()}/${request.tenantId}/v2.0`,
      preferred_username: request.username,
      ver: "2.0",
      ...common,
    });
    const accessToken: AzureAccessToken = {
      token,
      audience: request.audience,
      clientId: request.clientId,
      tenantId: request.tenantId,
      username: request.username,
      expiresAt: exp * 1000,
    };
    this.#tokens.set(token, { ...accessToken, forcedExpired: false });
    return { accessToken, idToken };
  }

  /** Looks up a presented access token. */
  lookup(token: string): AzureTokenLookup {
    const entry = this.#tokens.get(token);
    if (!entry) return { status: "unknown" };
    if (entry.forcedExpired || Date.now() >= entry.expiresAt) return { status: "expired" };
    const { forcedExpired: _forced, ...issued } = entry;
    return { status: "valid", token: issued };
  }

  /** Makes every access token issued so far expired. */
  expireAll(): void {
    for (const entry of this.#tokens.values()) entry.forcedExpired = true;
  }

  /** Number of access tokens issued so far. */
  get issuedCount(): number {
    return this.#tokens.size;
  }

  clear(): void {
    this.#tokens.clear();
  }
}

function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ typ: "JWT", alg: "RS256", kid: "secfetch-emulator" })}.${part(payload)}.${randomBytes(32).toString("base64url")}`;
}
