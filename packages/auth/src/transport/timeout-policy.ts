import type { Redactor } from "../errors/redact.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { displayUrl } from "../events.js";
import type { TransportPolicy } from "./pipeline.js";

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Gives each attempt its own deadline, joined with the caller's signal. When the deadline (not
 * the caller) ends the attempt, the failure is a `TimeoutError` that retries may act on.
 */
export function timeoutPolicy({ timeoutMs = DEFAULT_TIMEOUT_MS, source, redactor }: { timeoutMs?: number; source: string; redactor?: Redactor }): TransportPolicy {
  return {
    name: "timeout",
    async send(request, next) {
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return next(request);
      // One controller and one timer per attempt; the caller's signal is joined only when there is one.
      const deadline = new AbortController();
      const timer = setTimeout(abort, timeoutMs, deadline);
      const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
      try {
        return await next({ ...request, signal });
      } catch (error) {
        if (deadline.signal.aborted && !request.signal?.aborted) {
          throw new TimeoutError(`${source}: ${request.method} ${displayUrl(request.url)} took longer than ${timeoutMs} ms.`, {
            timeoutMs,
            cause: error,
            ...(redactor ? { redactor } : {}),
            hint: "Raise `timeoutMs` if the vendor is known to be slow for this call.",
          });
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function abort(controller: AbortController): void {
  controller.abort();
}
