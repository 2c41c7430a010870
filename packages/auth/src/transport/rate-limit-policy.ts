import { sleep } from "../util/abortable.js";
import type { TransportPolicy } from "./pipeline.js";

export interface RateLimitOptions {
  /** Most requests started in any one-second window. */
  requestsPerSecond: number;
  /** Added to the window, so clock and network jitter cannot push a server's count over. Default 50. */
  marginMs?: number;
}

/**
 * Keeps a client under a vendor's request rate: a sliding one-second window shared by every
 * concurrent call of the client, so a burst of calls is spaced out instead of meeting 429s.
 */
export function rateLimitPolicy({ requestsPerSecond, marginMs = 50 }: RateLimitOptions): TransportPolicy {
  const windowMs = 1_000 + marginMs;
  const limit = Math.max(1, Math.floor(requestsPerSecond));
  const started: number[] = [];
  let queue: Promise<void> = Promise.resolve();

  // Calls take their turn one at a time, so each sees the window as the previous one left it.
  const turn = () => {
    const mine = queue.then(async () => {
      for (;;) {
        const now = Date.now();
        while (started.length > 0 && (started[0] as number) <= now - windowMs) started.shift();
        if (started.length < limit) {
          started.push(now);
          return;
        }
        await sleep((started[0] as number) + windowMs - now);
      }
    });
    queue = mine.catch(() => {});
    return mine;
  };

  return {
    name: "rate-limit",
    async send(request, next) {
      await turn();
      request.signal?.throwIfAborted();
      return next(request);
    },
  };
}
