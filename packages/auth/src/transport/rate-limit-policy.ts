import { sleep } from "../util/abortable.js";
import type { TransportPolicy } from "./pipeline.js";

export interface RateLimitOptions {
  /** Most requests the server may count in any one-second window. */
  requestsPerSecond: number;
  /** Added to the window, for clock and network jitter. Default 50. */
  marginMs?: number;
}

/**
 * Keeps a client under a vendor's request rate, shared by every concurrent call of the client.
 * A request holds its slot from the moment it leaves until a window after its answer arrives:
 * the server counts it at arrival, which lies somewhere between the two, so however long new
 * connections or TLS take, no window on the server's side ever sees more than the limit.
 */
export function rateLimitPolicy({ requestsPerSecond, marginMs = 50 }: RateLimitOptions): TransportPolicy {
  const windowMs = 1_000 + marginMs;
  const limit = Math.max(1, Math.floor(requestsPerSecond));
  // When each held slot frees: Infinity while its request is still in flight.
  const slots: Array<{ freeAt: number }> = [];
  let queue: Promise<unknown> = Promise.resolve();
  let wake: (() => void) | undefined;

  // Calls take their turn one at a time, so each sees the slots as the previous one left them.
  const turn = () => {
    const mine = queue.then(async () => {
      for (;;) {
        const now = Date.now();
        for (let i = slots.length - 1; i >= 0; i--) if ((slots[i] as { freeAt: number }).freeAt <= now) slots.splice(i, 1);
        if (slots.length < limit) {
          const slot = { freeAt: Number.POSITIVE_INFINITY };
          slots.push(slot);
          return slot;
        }
        const soonest = Math.min(...slots.map((slot) => slot.freeAt));
        if (Number.isFinite(soonest)) await sleep(soonest - now);
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    });
    queue = mine.catch(() => {});
    return mine;
  };

  return {
    name: "rate-limit",
    async send(request, next) {
      const slot = await turn();
      try {
        request.signal?.throwIfAborted();
        return await next(request);
      } finally {
        slot.freeAt = Date.now() + windowMs;
        const waiting = wake;
        wake = undefined;
        waiting?.();
      }
    },
  };
}
