import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waits `ms` milliseconds, or less if `signal` aborts (the emulator is closing). Resolves `true`
 * when the full delay elapsed and `false` when it was cut short, so a handler can stop answering.
 * The timer does not keep the process alive.
 */
export async function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal, ref: false });
    return true;
  } catch {
    return false;
  }
}
