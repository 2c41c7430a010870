/**
 * Browsers: request headers a script may not set (the Fetch standard's forbidden request-header
 * names). fetch drops them without an error, so a sign-in that needs one must be refused up front.
 */
const NAMES = new Set([
  "accept-charset",
  "accept-encoding",
  "access-control-request-headers",
  "access-control-request-method",
  "connection",
  "content-length",
  "cookie",
  "cookie2",
  "date",
  "dnt",
  "expect",
  "host",
  "keep-alive",
  "origin",
  "referer",
  "set-cookie",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
]);

export function isForbiddenRequestHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return NAMES.has(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-");
}
