import type { Redactor } from "../errors/redact.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { displayUrl } from "../events.js";
import type { Deadline, PipelineRequest, SendRequest, TransportPolicy } from "./pipeline.js";

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Gives each attempt its own deadline. When the deadline (not the caller) ends the attempt, the
 * failure is a `TimeoutError` that retries may act on.
 *
 * Two ways to keep it. An abort signal handed to `fetch` stops an attempt at any point, but
 * costs more than the rest of a cached-token call together (Node's fetch registers a listener,
 * a weak reference and a finalizer for every request given one). So while no attempt of this
 * client has yet stalled before its answer's headers, and the caller passed no signal, the
 * deadline is a timer alone: the answer's body is read through a reader it cancels, which
 * closes the connection as an abort would; an attempt still without headers at the deadline
 * fails at once with the same `TimeoutError`, and its connection is left to close when the
 * server answers (the answer is discarded) or the runtime's own header timeout ends it. From
 * that first stall on, every attempt of the client gets a signal, so a server that stalls
 * holds at most the attempts that were in flight then.
 */
export function timeoutPolicy({ timeoutMs = DEFAULT_TIMEOUT_MS, source, redactor }: { timeoutMs?: number; source: string; redactor?: Redactor }): TransportPolicy {
  let stalled = false;
  const timedOut = (request: PipelineRequest, error: unknown) =>
    new TimeoutError(`${source}: ${request.method} ${displayUrl(request.url)} took longer than ${timeoutMs} ms.`, {
      timeoutMs,
      cause: error,
      ...(redactor ? { redactor } : {}),
      hint: "Raise `timeoutMs` if the vendor is known to be slow for this call.",
    });

  const withTimer = (request: PipelineRequest, next: SendRequest): Promise<Response> =>
    new Promise((resolve, reject) => {
      const deadline: Deadline = { expired: false, onExpire: undefined };
      const attempt = next({ ...request, deadline });
      const timer = setTimeout(() => {
        deadline.expired = true;
        if (deadline.onExpire) return deadline.onExpire();
        // No reader yet, so no headers yet: the attempt is given up now, and its late answer
        // closed unread; its connection is not ours to close.
        stalled = true;
        reject(timedOut(request, undefined));
        attempt.then(discard, ignore);
      }, timeoutMs);
      attempt.then(
        (response) => {
          clearTimeout(timer);
          resolve(response);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(deadline.expired ? timedOut(request, error) : error);
        },
      );
    });

  const withSignal = async (request: PipelineRequest, next: SendRequest): Promise<Response> => {
    // One controller and one timer per attempt; the caller's signal is joined only when there is one.
    const controller = new AbortController();
    const timer = setTimeout(abort, timeoutMs, controller);
    const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
    try {
      return await next({ ...request, signal });
    } catch (error) {
      if (controller.signal.aborted && !request.signal?.aborted) throw timedOut(request, error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    name: "timeout",
    send(request, next) {
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return next(request);
      return request.signal || stalled ? withSignal(request, next) : withTimer(request, next);
    },
  };
}

function abort(controller: AbortController): void {
  controller.abort();
}

/** The late answer of an attempt given up at its deadline: closed unread. */
function discard(response: Response): void {
  response.body?.cancel().catch(ignore);
}

function ignore(): void {}
