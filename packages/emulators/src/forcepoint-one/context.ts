import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import type { RequestContext as SharedContext } from "../shared/request-pipeline.js";
import type { RouteChecks, SpecEngine, ValidatedRequest } from "../spec/index.js";
import type { Credentials } from "./auth.js";
import type { Directory } from "./directory.js";
import type { LogStreams } from "./log-streams.js";
import type { ResolvedOptions } from "./options.js";
import type { ForcepointOneScope } from "./types.js";

/** The context every emulator shares, plus the request's values as checked against the spec. */
export interface RequestContext extends SharedContext {
  readonly input: ValidatedRequest;
}

/** The emulator's shared pieces, handed to every handler. */
export interface Environment {
  readonly options: ResolvedOptions;
  readonly credentials: Credentials;
  /** Replaced by `reset()`. */
  logs: LogStreams;
  /** Replaced by `reset()`. */
  directory: Directory;
  /** Config API calls counted on the UTC day `day` (`YYYY-MM-DD`). */
  configQuota: { day: string; used: number };
  /** Checks every request against the spec, and serves what no route here overrides. */
  readonly engine: SpecEngine;
}

/**
 * A route: the permission it needs and the handler. `checks: "own"`: the handler reads the raw
 * request itself, because the service words its refusals its own way ("Invalid type: x.
 * Supported types are: …") and callers match on those words.
 */
export interface ForcepointRoute {
  readonly method: string;
  readonly checks?: RouteChecks;
  readonly path: string;
  readonly scope: ForcepointOneScope;
  handle(ctx: RequestContext, env: Environment): void;
}

export const SCIM_BASE = "/api/bitglassapi/v2/scim";
export const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const SCIM_TYPES = new Set(["invalidFilter", "invalidSyntax", "invalidPath", "invalidValue", "noTarget", "mutability", "uniqueness", "tooMany"]);

/** Sends a SCIM body (`application/scim+json`). */
export function sendScim(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  sendJson(res, status, body, { "Content-Type": "application/scim+json", ...headers });
}

/** The SCIM error body (RFC 7644 §3.12); `scimType` only for SCIM's own error types. */
export function scimErrorBody(status: number, detail: string, code?: string): Record<string, unknown> {
  return {
    schemas: [SCIM_ERROR],
    status: String(status),
    // A request the spec refuses did "not conform to the request schema": SCIM's invalidSyntax.
    ...(code === "invalid_request" ? { scimType: "invalidSyntax" } : code !== undefined && SCIM_TYPES.has(code) ? { scimType: code } : {}),
    detail,
  };
}

/**
 * The log and config APIs' body: `{ status: <message> }`. A 401 says just `Unauthorized` and a
 * 403 `Forbidden`, as the documentation's status values do.
 */
export function statusBody(status: number, message: string): { status: string } {
  if (status === 401) return { status: "Unauthorized" };
  if (status === 403) return { status: "Forbidden" };
  return { status: message };
}

/** The default body of an injected fault or a refusal, in the shape of the path's API. */
export function errorBodyFor(path: string, status: number, message: string, code?: string): unknown {
  return path.startsWith(`${SCIM_BASE}/`) ? scimErrorBody(status, message, code) : statusBody(status, message);
}

/** Renders an HttpError in the shape of the path's API; anything else is rethrown (→ 500). */
export function sendError(res: ServerResponse, path: string, error: unknown): void {
  if (!(error instanceof HttpError)) throw error;
  if (res.headersSent || res.destroyed) return;
  const body = errorBodyFor(path, error.status, error.description, error.code);
  if (path.startsWith(`${SCIM_BASE}/`)) sendScim(res, error.status, body, error.headers);
  else sendJson(res, error.status, body, error.headers);
}

/** A 400 in the log and config APIs' words. */
export function badRequest(message: string): HttpError {
  return new HttpError(400, "invalid_request", message);
}

/** The reason phrase for `status`, for fault bodies. */
export function reason(status: number): string {
  return STATUS_CODES[status] ?? "Injected fault";
}
