import type { EventListener, SecfetchEvent } from "./events.js";

const SWITCH = "SECFETCH_DEBUG";

/**
 * The `SECFETCH_DEBUG` environment switch: when set (to anything but `0` or `false`), a client
 * logs one line per event — each request and sign-in step, page, sign-in, refresh, failed sign-in,
 * retry, replay, token store outage — to `console.error`, prefixed with its package name. Events carry no secret, so
 * neither does a line. Read once, when the client is made; runtimes without an environment
 * (browsers, workerd) never log.
 */
export function debugListener(source: string, value: string | undefined = readSwitch()): EventListener | undefined {
  if (value === undefined || value === "" || value === "0" || value.toLowerCase() === "false") return undefined;
  return (event) => console.error(`[${source}] ${formatEvent(event)}`);
}

/** One line a person reads: what happened, how long it took, what comes next. */
export function formatEvent(event: SecfetchEvent): string {
  switch (event.type) {
    case "token.issued":
      return `signed in: token issued in ${event.durationMs} ms, ${lifetime(event.expiresInMs)}`;
    case "token.refreshed":
      return `token refreshed${event.background ? " ahead of expiry" : ""} in ${event.durationMs} ms, ${lifetime(event.expiresInMs)}`;
    case "token.failed":
      return `sign-in failed after ${event.durationMs} ms: ${event.error.name}${event.error.status === undefined ? "" : ` (HTTP ${event.error.status})`}: ${event.error.message}`;
    case "request.retry":
      return `${event.method} ${event.url}: retry ${event.attempt} in ${event.delayMs} ms (${retryReason(event)})`;
    case "request.replay":
      return `${event.method} ${event.url}: token refused with HTTP ${event.status}; signed in again, replaying once`;
    case "request.completed":
      return `${event.signIn ? "sign-in step " : ""}${event.method} ${event.url}: HTTP ${event.status} in ${event.durationMs} ms`;
    case "request.failed":
      return `${event.signIn ? "sign-in step " : ""}${event.method} ${event.url}: failed after ${event.durationMs} ms: ${event.error.name}: ${event.error.message}`;
    case "page.fetched":
      return `page ${event.page} of GET ${event.path}: ${event.items} item${event.items === 1 ? "" : "s"} in ${event.durationMs} ms`;
    case "store.unavailable":
      return `token store unavailable (${event.error.name}: ${event.error.message}); going on with tokens held in this process`;
    case "store.restored":
      return `token store back after ${Math.round(event.outageMs / 1000)} s; sharing tokens again`;
  }
}

function retryReason(event: Extract<SecfetchEvent, { type: "request.retry" }>): string {
  return event.status === undefined || event.reason.includes(String(event.status)) ? event.reason : `${event.reason}, HTTP ${event.status}`;
}

function lifetime(expiresInMs: number | null): string {
  return expiresInMs === null ? "no expiry given" : `valid ${Math.round(expiresInMs / 1000)} s`;
}

type DenoPermissions = { permissions?: { querySync?(descriptor: { name: "env"; variable: string }): { state: string } } };

function readSwitch(): string | undefined {
  try {
    // Deno asks the user for each environment read it was not granted: look only when granted.
    const deno = (globalThis as { Deno?: DenoPermissions }).Deno;
    if (deno && deno.permissions?.querySync?.({ name: "env", variable: SWITCH }).state !== "granted") return undefined;
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[SWITCH];
  } catch {
    return undefined;
  }
}
