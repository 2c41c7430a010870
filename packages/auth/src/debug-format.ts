import type { SecfetchEvent } from "./events.js";

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
