/** A token as the cache keeps it. Times are milliseconds on the local clock. */
export interface TokenRecord {
  accessToken: string;
  /** Lower-cased `token_type`, `bearer` when the server left it out. */
  tokenType: string;
  /** When the server's `expires_in` runs out; `null` when the token never expires. */
  expiresAt: number | null;
  /** When we asked for it; with `expiresAt` it gives the token's lifetime. */
  issuedAt: number;
  refreshToken?: string;
  scope?: string;
}

/** Why a token endpoint's 2xx answer was not accepted. Never holds the body itself. */
export class MalformedTokenResponse extends Error {}

export interface ParseTokenOptions {
  /** Local time the request was sent: expiry counts from here, so a slow answer or a skewed server clock can only make us refresh early. */
  requestedAt: number;
  zeroMeansNever?: boolean;
  absentMeansNever?: boolean;
}

// A century: anything longer is treated as "never", and keeps Date arithmetic finite.
const MAX_LIFETIME_S = 100 * 365 * 24 * 3600;
// The shortest lifetime a token is kept for, whatever the server says.
const MIN_LIFETIME_MS = 1000;
// Header-safe token characters (RFC 6750 b64token plus what real vendors use); no spaces or controls.
const TOKEN_CHARS = /^[\x21-\x7E]+$/;

export function parseTokenResponse(body: unknown, options: ParseTokenOptions): TokenRecord {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new MalformedTokenResponse("the token endpoint did not answer with a JSON object");
  }
  const fields = body as Record<string, unknown>;
  const accessToken = fields.access_token;
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new MalformedTokenResponse("the token response has no access_token string");
  }
  if (!TOKEN_CHARS.test(accessToken) || accessToken.length > 16_384) {
    throw new MalformedTokenResponse("the token response's access_token has characters that cannot go in a header");
  }
  const tokenType = fields.token_type;
  if (tokenType !== undefined && typeof tokenType !== "string") {
    throw new MalformedTokenResponse("the token response's token_type is not a string");
  }
  const record: TokenRecord = {
    accessToken,
    tokenType: (tokenType ?? "bearer").toLowerCase(),
    expiresAt: parseExpiry(fields.expires_in, options),
    issuedAt: options.requestedAt,
  };
  const refreshToken = fields.refresh_token;
  if (refreshToken !== undefined && refreshToken !== null) {
    if (typeof refreshToken !== "string" || refreshToken.length === 0) {
      throw new MalformedTokenResponse("the token response's refresh_token is not a string");
    }
    record.refreshToken = refreshToken;
  }
  if (typeof fields.scope === "string") record.scope = fields.scope;
  return record;
}

function parseExpiry(raw: unknown, options: ParseTokenOptions): number | null {
  const { requestedAt, zeroMeansNever = true, absentMeansNever = true } = options;
  if (raw === undefined || raw === null) {
    if (absentMeansNever) return null;
    throw new MalformedTokenResponse("the token response has no expires_in");
  }
  // Some servers send the number as a string ("3600"); accept exactly that, nothing looser.
  const seconds = typeof raw === "string" && /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
    throw new MalformedTokenResponse("the token response's expires_in is not a non-negative number");
  }
  if (seconds === 0) {
    if (zeroMeansNever) return null;
    throw new MalformedTokenResponse("the token response's expires_in is 0");
  }
  if (seconds >= MAX_LIFETIME_S) return null;
  // A lifetime under a second (a server counting in the wrong unit) would mean a sign-in per call.
  return requestedAt + Math.max(MIN_LIFETIME_MS, Math.floor(seconds * 1000));
}
