/**
 * Redaction: the one place that decides what of a secret-bearing text may be shown.
 *
 * Two layers, because either alone misses something:
 * - a Redactor knows the exact secret values of one client (client secret, password, every
 *   token it was issued) and removes them and their common encodings from any text;
 * - pattern rules catch credential-shaped text whose value we never saw (a vendor echoing an
 *   `Authorization` header, a `refresh_token=` in a body).
 */

export const REDACTED = "[REDACTED]";

/** Keys whose values are never shown, whatever they hold. Compared case-insensitively. */
const SECRET_KEYS = new Set([
  "access_token",
  "accesstoken",
  "refresh_token",
  "refreshtoken",
  "id_token",
  "client_secret",
  "clientsecret",
  "password",
  "passcode",
  "secret",
  "token",
  "authorization",
  "cookie",
  "set-cookie",
  "x-csrf-token",
  "_csrf",
  "csrf",
  "accesskey",
  "access_key",
  "challenge_response",
  "session",
]);

const PATTERNS: Array<[RegExp, string]> = [
  // A credential after an auth scheme; not the parameters of a challenge (`Bearer error="invalid_token"`),
  // nor the words prose puts after a scheme ("a bearer token", "Basic authentication"). Anything
  // else stays redacted, all-letter values included: a fake or short token is still a token.
  [
    /\b(Bearer|Basic|Negotiate|Digest)(:?)\s+(?![A-Za-z_-]+=")(?![A-Za-z_-]+=[A-Za-z_]+\b(?!=))(?!(?:tokens?|auth|authentication|authorization|credentials?|scheme|header|access|and|or|only|with)\b(?![-._~+/=]))[A-Za-z0-9\-._~+/=]{4,}/gi,
    `$1$2 ${REDACTED}`,
  ],
  // `password=…`, `"client_secret": "…"`: a key of its own, not the tail of a longer name
  // (`oauth.invalid_client_secret: Unauthorized` is an error code and its message).
  [
    /(?<![\w.-])((?:access|refresh|id)_token|client_secret|password|\w*auth_?token|JSESSIONID|_csrf|challenge_response)(["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
];

/** Holds one client's secret values and removes them from text. */
export interface Redactor {
  /** Registers issued secret values, tokens and session values (undefined and empty values are ignored). */
  add(...secrets: Array<string | undefined | null>): void;
  /** Registers forms of the client's own credentials (a Basic header): never forgotten, like `initial`. */
  pin(...secrets: Array<string | undefined | null>): void;
  /** Returns `text` with every registered secret, and every credential-shaped value, replaced. */
  redact(text: string): string;
}

// Issued tokens are bounded so a collector that runs for weeks does not grow a list of every
// token it was issued; the client's own credentials are never dropped from it.
const MAX_ISSUED = 64;

/**
 * `initial` holds the client's configured secrets (client secret, password, static token):
 * kept for the client's whole life. Values `add`ed later (issued tokens, session values) are
 * kept newest first, up to a bound.
 */
export function createRedactor(initial: Iterable<string | undefined | null> = []): Redactor {
  const pinned = new Set<string>();
  const issued: string[] = [];
  let ordered: string[] = [];
  const formsOf = (values: Iterable<string | undefined | null>) =>
    [...values].flatMap((value) => (typeof value === "string" && value.length >= 3 ? encodings(value) : []));
  const reorder = () => {
    // Longest first, so a secret that contains another is removed whole.
    ordered = [...new Set([...pinned, ...issued])].sort((a, b) => b.length - a.length);
  };
  const pin = (...values: Array<string | undefined | null>) => {
    for (const form of formsOf(values)) pinned.add(form);
    reorder();
  };
  pin(...initial);
  return {
    pin,
    add(...values) {
      const forms = formsOf(values).filter((form) => !pinned.has(form) && !issued.includes(form));
      if (forms.length === 0) return;
      issued.push(...forms);
      if (issued.length > MAX_ISSUED) issued.splice(0, issued.length - MAX_ISSUED);
      reorder();
    },
    redact(text) {
      let out = text;
      for (const secret of ordered) out = out.split(secret).join(REDACTED);
      return redactPatterns(out);
    },
  };
}

function encodings(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)]);
  return [...forms];
}

/** Pattern rules only: for text outside any client (no known secret values). */
export function redactPatterns(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** True when a property of this name must never be shown. */
export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  // Session and auth tokens under a vendor's own prefix (`xAuthToken`, `apiSessionId`) too.
  return SECRET_KEYS.has(lower) || /(auth_?token|session_?(id|token))$/.test(lower);
}

/**
 * A deep copy of a parsed body with secret-named properties replaced and every string redacted.
 * Depth- and size-bounded so a hostile body cannot make an error expensive to build.
 */
export function redactValue(value: unknown, redactor?: Redactor, depth = 0): unknown {
  const text = (s: string) => (redactor ? redactor.redact(s) : redactPatterns(s));
  if (typeof value === "string") {
    // Redacted whole, then shortened: a secret across the cut would otherwise keep its first part.
    const clean = text(value);
    return clean.length > 4096 ? `${clean.slice(0, 4096)}…` : clean;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactValue(item, redactor, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 200)) {
    out[key] = isSecretKey(key) && item !== null && item !== undefined && item !== "" ? REDACTED : redactValue(item, redactor, depth + 1);
  }
  return out;
}
