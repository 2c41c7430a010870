import { randomUUID } from "node:crypto";

/** Sends one command to Redis, failing fast when Redis is away. */
export type Command = (args: string[]) => Promise<unknown>;

// Only the owner may extend or free a lock: a holder whose lease ran out must not free its successor's.
const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const FREE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export interface LockTiming {
  /** How long a lock outlives a holder that stopped renewing it (crashed, frozen, cut off). */
  leaseMs: number;
  /** How often a waiter asks again, on average (each wait is jittered between half and one and a half of it). */
  pollMs: number;
}

/**
 * A lock across processes on one Redis: `SET NX PX` with a short lease that its live holder
 * renews, so a crashed holder frees the key within a lease while a slow sign-in (an MFA push)
 * keeps it for as long as the engine asked, `ttlMs`, and no longer.
 */
export function createLock(command: Command, timing: LockTiming) {
  return async function lock(name: string, ttlMs: number): Promise<() => Promise<void>> {
    const owner = randomUUID();
    const lease = String(timing.leaseMs);
    // A live holder keeps a lock at most ttlMs, so a waiter sees it free within ttlMs and a lease.
    const giveUpAt = Date.now() + ttlMs + timing.leaseMs;
    while ((await command(["SET", name, owner, "NX", "PX", lease])) !== "OK") {
      if (Date.now() >= giveUpAt) throw new Error(`a lock stayed taken beyond its longest hold (${ttlMs} ms)`);
      await new Promise((resolve) => setTimeout(resolve, timing.pollMs * (0.5 + Math.random())));
    }
    const holdUntil = Date.now() + ttlMs;
    const renewal = setInterval(
      () => {
        if (Date.now() >= holdUntil) return clearInterval(renewal);
        command(["EVAL", EXTEND, "1", name, owner, lease]).catch(() => {
          // Redis away: the lease runs out on its own and another process may take over.
        });
      },
      Math.max(1, Math.floor(timing.leaseMs / 3)),
    );
    renewal.unref?.();
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      clearInterval(renewal);
      await command(["EVAL", FREE, "1", name, owner]);
    };
  };
}
