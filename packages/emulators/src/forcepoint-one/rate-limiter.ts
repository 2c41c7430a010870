/**
 * A sliding 1-second window: at most `limit` admitted requests in any 1000 ms. Refused requests
 * are not counted, so a client that waits as told by `Retry-After` gets through.
 */
export class SlidingWindowLimiter {
  readonly #admitted: number[] = [];

  constructor(
    readonly limit: number,
    readonly now: () => number = Date.now,
  ) {}

  /** Admits the request (`0`) or says how many whole seconds to wait (at least 1). */
  take(): number {
    const now = this.now();
    while (this.#admitted.length > 0 && this.#admitted[0]! <= now - 1000) this.#admitted.shift();
    if (this.#admitted.length < this.limit) {
      this.#admitted.push(now);
      return 0;
    }
    const freeAt = this.#admitted[0]! + 1000;
    return Math.max(1, Math.ceil((freeAt - now) / 1000));
  }

  /** Forgets every admitted request. */
  clear(): void {
    this.#admitted.length = 0;
  }
}
