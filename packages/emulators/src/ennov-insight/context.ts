import type { OutgoingHttpHeaders } from "node:http";
import { STATUS_CODES } from "node:http";
import type { FaultQueue } from "../shared/faults.js";
import type { RequestLog } from "../shared/request-log.js";
import type { RequestContext } from "../shared/request-pipeline.js";
import type { SpecEngine, ValidatedRequest } from "../spec/index.js";
import type { AzureTokens } from "./azure-tokens.js";
import type { EntityStore } from "./entity-store.js";
import type { ResolvedOptions } from "./options.js";
import type { Session, SessionStore } from "./sessions.js";

/** The emulator's shared pieces, handed to both servers' handlers. */
export interface Environment {
  readonly options: ResolvedOptions;
  readonly tokens: AzureTokens;
  readonly sessions: SessionStore;
  /** Replaced by `reset()`. */
  store: EntityStore;
  /** One log and one fault queue for both servers: their paths never overlap. */
  readonly log: RequestLog;
  readonly faults: FaultQueue;
  /** Aborts when the emulator closes. */
  readonly signal: AbortSignal;
  /** Checks every InSight request against the spec, and serves what no route here overrides. */
  readonly engine: SpecEngine;
}

/** Everything an InSight route handler needs about one request. */
export interface InsightContext extends RequestContext {
  /** The logged-in session, for routes that need one (checked before the handler runs). */
  readonly session: Session | null;
  /** The request's values as checked against the spec (session routes read their own). */
  readonly input: ValidatedRequest;
}

/** An InSight route. `auth: "session"` needs a logged-in session and its current CSRF token. */
export interface InsightRoute {
  readonly method: string;
  readonly path: string;
  readonly auth: "none" | "session";
  handle(ctx: InsightContext, env: Environment): void;
}

/**
 * Headers Spring Security adds to every answer by default (InSight is a Spring application:
 * `JSESSIONID`, `_csrf` and `X-CSRF-*` are Spring's names).
 */
export const SPRING_HEADERS: OutgoingHttpHeaders = {
  "Cache-Control": "no-cache, no-store, max-age=0, must-revalidate",
  Pragma: "no-cache",
  Expires: "0",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
};

/** Spring Boot's error body: `{ timestamp, status, error, message, path }`. */
export function springErrorBody(status: number, message: string, path: string): Record<string, unknown> {
  return { timestamp: new Date().toISOString(), status, error: STATUS_CODES[status] ?? "Error", message, path };
}
