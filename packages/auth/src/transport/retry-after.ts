/**
 * How long a response asks us to wait, in ms: `retry-after-ms`, then `Retry-After` as seconds
 * or as an HTTP date. `undefined` when absent or unreadable (a negative or garbled value is
 * ignored rather than trusted).
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms) && Number.isFinite(Number(ms))) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    const seconds = Number(value) * 1000;
    return Number.isFinite(seconds) ? seconds : undefined;
  }
  // Only an HTTP date (IMF-fixdate and its obsolete forms all name the month): V8's Date.parse
  // would also accept "-1" or "2024", which are garbage here.
  const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface BackoffOptions {
  /** First delay. Default 500. */
  baseDelayMs?: number;
  /** Longest computed delay. Default 8 000. */
  maxDelayMs?: number;
  /** Share of the delay taken off at random, 0..1. Default 0.25. */
  jitter?: number;
}

export const BACKOFF_DEFAULTS = { baseDelayMs: 500, maxDelayMs: 8_000, jitter: 0.25 } as const;

/** Exponential backoff with jitter for retry number `retry` (0 for the first retry). */
export function backoffDelayMs(retry: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs, jitter } = { ...BACKOFF_DEFAULTS, ...options };
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry));
  return Math.round(exponential * (1 - jitter * random()));
}
