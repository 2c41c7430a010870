import type { ServerResponse } from "node:http";
import { delay } from "./delay.js";
import { sendEmpty, sendJson } from "./http-helpers.js";

/**
 * A fault to serve instead of the normal answer, for testing retries, back-off and timeouts.
 * Faults are served in the order injected, before routing and authentication; each request
 * consumes at most one fault (the first pending one that matches it).
 */
export interface FaultSpec {
  /** Which requests it hits: a string is the exact path without query (`/oauth/token`), a RegExp is tested against that path. Default: every path. */
  path?: string | RegExp;
  /** HTTP method it hits (case-insensitive). Default: every method. */
  method?: string;
  /**
   * Status to answer with. Omit it (and `dropConnection`) for a pure delay: after `delayMs` the
   * request is handled normally.
   */
  status?: number;
  /** How many matching requests it hits before it is used up. Default `1`; `Infinity` for all. */
  count?: number;
  /** `Retry-After` header: a number of seconds or an HTTP-date string. Default: no header. */
  retryAfter?: number | string;
  /**
   * Response body: an object or array is sent as JSON, a string as `text/plain`, `null` sends no
   * body. Default: the vendor's own error body for `status`.
   */
  body?: unknown;
  /** Extra response headers. Default: none. */
  headers?: Record<string, string>;
  /** Wait this many milliseconds before answering (or dropping). Default `0`. */
  delayMs?: number;
  /** Destroy the socket instead of answering: the client sees a connection reset. Default `false`. */
  dropConnection?: boolean;
  /**
   * Answer the headers (`status`, default 200, as JSON) and the start of a body, then `"stall"`
   * (send nothing more, until the client gives up or the emulator closes) or `"reset"` (destroy
   * the connection mid-body).
   */
  afterHeaders?: "stall" | "reset";
}

interface PendingFault extends FaultSpec {
  remaining: number;
}

/** The queue of injected faults of one emulator. */
export class FaultQueue {
  readonly #pending: PendingFault[] = [];

  /** Adds a fault; throws a TypeError on a nonsensical spec. */
  inject(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    if (!(count >= 1)) throw new TypeError("injectFault: count must be at least 1");
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) {
      throw new TypeError("injectFault: status must be an integer from 100 to 599");
    }
    if (spec.delayMs !== undefined && !(spec.delayMs >= 0)) throw new TypeError("injectFault: delayMs must be >= 0");
    if (spec.status === undefined && !spec.dropConnection && !spec.delayMs && !spec.afterHeaders) {
      throw new TypeError("injectFault: give a status, dropConnection, afterHeaders or delayMs");
    }
    if (spec.afterHeaders !== undefined && spec.afterHeaders !== "stall" && spec.afterHeaders !== "reset") {
      throw new TypeError('injectFault: afterHeaders must be "stall" or "reset"');
    }
    this.#pending.push({ ...spec, remaining: count });
  }

  /** Takes (consumes one use of) the first pending fault matching the request. */
  take(method: string, pathname: string): FaultSpec | undefined {
    const index = this.#pending.findIndex((fault) => matches(fault, method, pathname));
    if (index < 0) return undefined;
    const fault = this.#pending[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#pending.splice(index, 1);
    return fault;
  }

  /** Number of faults not yet used up. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Forgets every pending fault. */
  clear(): void {
    this.#pending.length = 0;
  }
}

function matches(fault: FaultSpec, method: string, pathname: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  if (typeof fault.path === "string") return fault.path === pathname;
  fault.path.lastIndex = 0;
  return fault.path.test(pathname);
}

/**
 * Serves `fault`. Resolves `"answered"` when the response is done (sent or dropped) and
 * `"continue"` for a pure delay, after which the request is handled normally.
 * `defaultBody(status)` supplies the vendor's error body when the fault names none.
 */
export async function serveFault(
  fault: FaultSpec,
  res: ServerResponse,
  signal: AbortSignal,
  defaultBody: (status: number) => unknown,
): Promise<"answered" | "continue"> {
  if (!(await delay(fault.delayMs ?? 0, signal))) {
    res.destroy();
    return "answered";
  }
  if (fault.dropConnection) {
    res.socket?.destroy();
    res.destroy();
    return "answered";
  }
  if (fault.afterHeaders) {
    res.writeHead(fault.status ?? 200, { "Content-Type": "application/json", "Content-Length": "4096", ...fault.headers });
    res.write('{"partial": "');
    if (fault.afterHeaders === "reset") setTimeout(() => res.socket?.destroy(), 10);
    // A stall sends nothing more; closing the emulator (or the client giving up) ends it.
    return "answered";
  }
  if (fault.status === undefined) return "continue";
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
  const body = fault.body === undefined ? defaultBody(fault.status) : fault.body;
  if (body === null || fault.status === 204 || fault.status === 304) {
    sendEmpty(res, fault.status, headers);
  } else if (typeof body === "string") {
    res.writeHead(fault.status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
    res.end(body);
  } else {
    sendJson(res, fault.status, body, headers);
  }
  return "answered";
}
