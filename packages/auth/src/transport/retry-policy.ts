import { NetworkError } from "../errors/network-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { createEventSink, displayUrl, type EventListener } from "../events.js";
import { sleep } from "../util/abortable.js";
import { isFinal } from "../util/final-errors.js";
import type { TransportPolicy } from "./pipeline.js";
import { backoffDelayMs, retryAfterMs, type BackoffOptions } from "./retry-after.js";

export interface RetryPolicyOptions extends BackoffOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 2. */
  maxRetries?: number;
  /** The longest `Retry-After` honoured; a server asking for more gets its response back. Default 60 000. */
  maxRetryAfterMs?: number;
  onEvent?: EventListener;
  random?: () => number;
}

export const RETRY_DEFAULTS = { maxRetries: 2, maxRetryAfterMs: 60_000 } as const;

// Statuses where the server may or may not have acted: only safe to repeat for idempotent calls.
const retryIfSafe = (status: number) => status === 408 || (status >= 500 && status <= 599);

type Decision = { retry: false } | { retry: true; delayMs: number; reason: string; status?: number };

/**
 * One loop, and a decision per outcome:
 * - 429, and 503 with `Retry-After`, mean the server did not process the request: retried for
 *   every method, after the time it asks for;
 * - connection errors, timeouts, 408 and other 5xx are retried only when the request is safe
 *   to repeat (idempotent, or marked so by the spec);
 * - everything else goes back to the caller.
 */
export function retryPolicy(options: RetryPolicyOptions = {}): TransportPolicy {
  const maxRetries = options.maxRetries ?? RETRY_DEFAULTS.maxRetries;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
  const emit = createEventSink(options.onEvent);

  function decideOnResponse(response: Response, safe: boolean, retry: number): Decision {
    // Most answers are none of these statuses: they are checked before Retry-After, which costs more to read.
    if (response.status !== 429 && response.status !== 503 && !(safe && retryIfSafe(response.status))) return { retry: false };
    const asked = retryAfterMs(response.headers);
    const notProcessed = response.status === 429 || (response.status === 503 && asked !== undefined);
    if (!notProcessed && !(safe && retryIfSafe(response.status))) return { retry: false };
    if (asked !== undefined && asked > maxRetryAfterMs) return { retry: false };
    const delayMs = asked ?? backoffDelayMs(retry, options, options.random);
    return { retry: true, delayMs, reason: `HTTP ${response.status}`, status: response.status };
  }

  function decideOnError(error: unknown, safe: boolean, retry: number): Decision {
    if (!safe || isFinal(error) || !(error instanceof NetworkError || error instanceof TimeoutError)) return { retry: false };
    return { retry: true, delayMs: backoffDelayMs(retry, options, options.random), reason: error.name };
  }

  return {
    name: "retry",
    prepare: () => true,
    passes: (response, request) => maxRetries === 0 || !decideOnResponse(response, request.retrySafe, 0).retry,
    async send(request, next) {
      for (let retry = 0; ; retry++) {
        let decision: Decision;
        try {
          const response = await next(request);
          decision = retry < maxRetries ? decideOnResponse(response, request.retrySafe, retry) : { retry: false };
          if (!decision.retry) return response;
          await response.body?.cancel().catch(() => {});
        } catch (error) {
          decision = retry < maxRetries ? decideOnError(error, request.retrySafe, retry) : { retry: false };
          if (!decision.retry) throw error;
        }
        emit({
          type: "request.retry",
          method: request.method,
          url: displayUrl(request.url),
          attempt: retry + 1,
          delayMs: decision.delayMs,
          reason: decision.reason,
          ...(decision.status === undefined ? {} : { status: decision.status }),
        });
        await sleep(decision.delayMs, request.signal);
      }
    },
  };
}
