import type { FaultQueue, FaultSpec } from "./faults.js";
import type { RecordedRequest, RequestLog } from "./request-log.js";

/**
 * The test controls every running emulator has: closing it, the requests it received, and the
 * faults it serves. `Fault` is the fault spec `injectFault` takes (a vendor may add fields).
 */
export interface EmulatorControls<Fault extends FaultSpec = FaultSpec> {
  /** Stops the server (every server, for a multi-host emulator) and drops every open connection. Safe to call twice. */
  close(): Promise<void>;
  /** Every request received so far, by any of the emulator's servers, oldest first (credentials included, as sent). */
  readonly requests: readonly RecordedRequest[];
  /** Requests to a route key (`"<METHOD> <path template>"`, e.g. `"POST /oauth/token"`) so far; no argument: all requests. */
  count(route?: string): number;
  /** Queues a fault (error status, delay or dropped connection), served before the emulator's own checks (routing, any rate limit, authentication). */
  injectFault(fault: Fault): void;
  /** Forgets faults not yet served. */
  clearFaults(): void;
  /** Forgets the requests recorded so far (`requests` and `count()` start again from zero), for long runs. */
  clearRequests(): void;
}

/** What {@link withEmulatorControls} builds the controls from. */
export interface EmulatorControlParts {
  /** The log every server of the emulator records into. */
  readonly log: RequestLog;
  /** The fault queue every server of the emulator takes from. */
  readonly faults: FaultQueue;
  /** Stops the emulator's servers. */
  close(): Promise<void>;
}

/**
 * Completes a vendor's handle with the {@link EmulatorControls} built from one request log and
 * one fault queue. `rest` is copied as property descriptors, so its getters stay live.
 */
export function withEmulatorControls<Handle extends EmulatorControls>(
  parts: EmulatorControlParts,
  rest: Omit<Handle, keyof EmulatorControls>,
): Handle {
  const { log, faults } = parts;
  const controls: EmulatorControls = {
    close: () => parts.close(),
    get requests() {
      return log.entries;
    },
    count: (route) => log.count(route),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    clearRequests: () => log.clear(),
  };
  return Object.defineProperties(controls, Object.getOwnPropertyDescriptors(rest)) as Handle;
}
