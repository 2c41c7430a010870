import { ConfigurationError } from "../errors/configuration-error.js";

/** How `wait()` and `runJob()` wait for a job. */
export interface JobWaitOptions<Status = unknown> {
  /** Give up after this many ms, counted from the start of the wait. Default 600 000 (10 minutes). */
  deadlineMs?: number;
  /** Stops the wait (and, by default, the job) when it aborts; the wait rejects with its reason. */
  signal?: AbortSignal;
  /** The first pause between polls, in ms. It grows by half after each poll. Default 1 000. */
  pollIntervalMs?: number;
  /** The longest pause between polls, in ms. A server's `Retry-After` may ask for longer, up to the deadline. Default 15 000. */
  maxPollIntervalMs?: number;
  /** Ask the server to stop the job when the wait is given up (abort or deadline), if the API can. Default `true`. */
  cancelOnGiveUp?: boolean;
  /** Called with every status the wait reads, for progress reporting. */
  onStatus?: (status: Status) => void;
}

export interface ResolvedWaitOptions<Status> {
  deadlineMs: number;
  signal: AbortSignal | undefined;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  cancelOnGiveUp: boolean;
  onStatus: ((status: Status) => void) | undefined;
}

export const JOB_WAIT_DEFAULTS = { deadlineMs: 600_000, pollIntervalMs: 1_000, maxPollIntervalMs: 15_000 } as const;

// Timers take at most 2^31 - 1 ms; a longer deadline is a mistake, not a wish to wait 25 days.
const MAX_MS = 2 ** 31 - 1;

/** Checks a caller's wait options and fills the defaults; bad values throw `ConfigurationError` at once. */
export function resolveWaitOptions<Status>(options: JobWaitOptions<Status> = {}): ResolvedWaitOptions<Status> {
  if (options === null || typeof options !== "object") throw new ConfigurationError("Job wait options must be an object.", { option: "options" });
  const deadlineMs = duration(options.deadlineMs, "deadlineMs", JOB_WAIT_DEFAULTS.deadlineMs, 1);
  const pollIntervalMs = duration(options.pollIntervalMs, "pollIntervalMs", JOB_WAIT_DEFAULTS.pollIntervalMs, 0);
  const maxPollIntervalMs = duration(options.maxPollIntervalMs, "maxPollIntervalMs", Math.max(JOB_WAIT_DEFAULTS.maxPollIntervalMs, pollIntervalMs), 0);
  if (maxPollIntervalMs < pollIntervalMs) {
    throw new ConfigurationError(`maxPollIntervalMs (${maxPollIntervalMs}) is shorter than pollIntervalMs (${pollIntervalMs}).`, {
      option: "maxPollIntervalMs",
      hint: "Raise maxPollIntervalMs or lower pollIntervalMs.",
    });
  }
  const { signal, onStatus } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ConfigurationError("signal must be an AbortSignal.", { option: "signal", hint: "Pass `controller.signal` or `AbortSignal.timeout(ms)`." });
  }
  if (onStatus !== undefined && typeof onStatus !== "function") throw new ConfigurationError("onStatus must be a function.", { option: "onStatus" });
  if (options.cancelOnGiveUp !== undefined && typeof options.cancelOnGiveUp !== "boolean") {
    throw new ConfigurationError("cancelOnGiveUp must be a boolean.", { option: "cancelOnGiveUp" });
  }
  return { deadlineMs, signal, pollIntervalMs, maxPollIntervalMs, cancelOnGiveUp: options.cancelOnGiveUp ?? true, onStatus };
}

function duration(value: unknown, option: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > MAX_MS) {
    throw new ConfigurationError(`${option} must be a number of milliseconds from ${min} to ${MAX_MS}; got ${typeof value === "number" ? value : typeof value}.`, {
      option,
    });
  }
  return value;
}
