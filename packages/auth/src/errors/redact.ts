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
  "xauthtoken",
  "accesskey",
  "access_key",
  "challenge_response",
  "session",
]);

const PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic|Negotiate|Digest)(:?)\s+[A-Za-z0-9\-._~+/=]{4,}/gi, `$1$2 ${REDACTED}`],
  [
    /((?:access|refresh|id)_token|client_secret|password|xAuthToken|JSESSIONID|_csrf|challenge_response)(["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
];

/** Holds one client's secret values and removes them from text. */
export interface Redactor {
  /** Registers secret values (undefined and empty values are ignored). */
  add(...secrets: Array<string | undefined | null>): void;
  /** Returns `text` with every registered secret, and every credential-shaped value, replaced. */
  redact(text: string): string;
}

// Bounded so a collector that runs for weeks does not grow a list of every token it was issued.
const MAX_SECRETS = 64;

export function createRedactor(initial: Iterable<string | undefined | null> = []): Redactor {
  const secrets: string[] = [];
  const add = (...values: Array<string | undefined | null>) => {
    for (const value of values) {
      if (typeof value !== "string" || value.length < 3) continue;
      for (const form of encodings(value)) {
        if (secrets.includes(form)) continue;
        secrets.push(form);
        if (secrets.length > MAX_SECRETS) secrets.splice(0, secrets.length - MAX_SECRETS);
      }
    }
    // Longest first, so a secret that contains another is removed whole.
    secrets.sort((a, b) => b.length - a.length);
  };
  add(...initial);
  return {
    add,
    redact(text) {
      let out = text;
      for (const secret of secrets) out = out.split(secret).join(REDACTED);
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
  return SECRET_KEYS.has(key.toLowerCase());
}

/**
 * A deep copy of a parsed body with secret-named properties replaced and every string redacted.
 * Depth- and size-bounded so a hostile body cannot make an error expensive to build.
 */
export function redactValue(value: unknown, redactor?: Redactor, depth = 0): unknown {
  const text = (s: string) => (redactor ? redactor.redact(s) : redactPatterns(s));
  if (typeof value === "string") return text(value.length > 4096 ? `${value.slice(0, 4096)}…` : value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactValue(item, redactor, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 200)) {
    out[key] = isSecretKey(key) && item !== null && item !== undefined && item !== "" ? REDACTED : redactValue(item, redactor, depth + 1);
  }
  return out;
}
