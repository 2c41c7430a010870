/** True for hosts that never leave this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Plain http is only acceptable for credentials when the host is this machine, or a host the
 * user named in `allowPlainHttpHosts` (`host` or `host:port`, as `URL.host` spells it).
 */
export function isSecureForCredentials(url: URL, plainHttpHosts: ReadonlySet<string> = NONE): boolean {
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (isLoopbackHost(url.hostname) || plainHttpHosts.has(url.host.toLowerCase()));
}

const NONE: ReadonlySet<string> = new Set();

/** The hint every plain-http refusal gives. */
export const PLAIN_HTTP_HINT =
  "Use an https:// URL. Plain http is allowed for loopback hosts (the emulators), and for a server that speaks nothing else when you name its host in `allowPlainHttpHosts`.";
