import { isLoopbackHost } from "./loopback.js";

/** Decides whether a host other than the configured one may receive the client's credentials. */
export type HostTrust = (url: URL) => boolean;

/**
 * The default rule for hosts learned at run time (a discovered data-region host): https and a
 * hostname matching one of `patterns` (`*.example.com` matches any subdomain, not the apex); or,
 * when the configured host is loopback (an emulator), any loopback host.
 */
export function createHostTrust(patterns: readonly string[], configured: URL, override?: (url: URL) => boolean): HostTrust {
  if (override) return (url) => override(url) === true;
  const loopback = isLoopbackHost(configured.hostname);
  return (url) => {
    if (loopback && isLoopbackHost(url.hostname)) return true;
    if (url.protocol !== "https:") return false;
    const host = url.hostname.toLowerCase();
    return patterns.some((pattern) => {
      const lower = pattern.toLowerCase();
      return lower.startsWith("*.") ? host.endsWith(lower.slice(1)) && host.length > lower.length - 1 : host === lower;
    });
  };
}
