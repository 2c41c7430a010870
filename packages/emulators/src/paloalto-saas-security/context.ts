import { STATUS_CODES } from "node:http";
import { parseAuthorization } from "../shared/authorization.js";
import { HttpError } from "../shared/http-helpers.js";
import type { RequestContext as SharedContext } from "../shared/request-pipeline.js";
import type { RouteChecks, SpecEngine, ValidatedRequest } from "../spec/index.js";
import type { IssuedToken, TokenIssuer } from "../shared/token-issuer.js";
import type { ResolvedOptions } from "./options.js";
import type { PaloAltoState } from "./state.js";
import type { PaloAltoScope } from "./types.js";

/** The context every emulator shares, plus the request's values as checked against the spec. */
export interface RequestContext extends SharedContext {
  readonly input: ValidatedRequest;
}

/** The emulator's shared pieces, handed to every handler. */
export interface Environment {
  readonly options: ResolvedOptions;
  /** Replaced by `reset()`. */
  state: PaloAltoState;
  readonly tokens: TokenIssuer;
  /** Serves the operations no route here overrides, and checks every request against the spec. */
  readonly engine: SpecEngine;
}

/**
 * A route of this emulator: `scope` null means no bearer token is needed (the token endpoint).
 * `checks: "own"`: the handler reads the raw request itself (the token endpoint takes its
 * parameters from the query string as well as the body, which the spec cannot say).
 */
export interface PaloAltoRoute {
  readonly method: string;
  readonly checks?: RouteChecks;
  readonly path: string;
  readonly scope: PaloAltoScope | null;
  handle(ctx: RequestContext, env: Environment): Promise<void> | void;
}

/**
 * Error body of the token endpoint and of 401 answers (`OAuthError` in the spec):
 * `{ error, error_description }`, with `resolution` for a refused client credential.
 */
export function oauthErrorBody(code: string, description: string): Record<string, string> {
  // The documented refusals of a client credential say what to do about it.
  return code === "unauthorized" ? { error: code, resolution: "Please submit valid credentials.", error_description: description } : { error: code, error_description: description };
}

/**
 * Error body of the incident, remediation and log-event endpoints (`ApiError` in the spec):
 * `{ timestamp, status, error, message, path }`. `error` is the reason phrase, or an OAuth code
 * such as `insufficient_scope` when one applies.
 */
export function apiErrorBody(status: number, message: string, path: string, error?: string): Record<string, unknown> {
  return {
    timestamp: new Date().toISOString(),
    status,
    error: error ?? STATUS_CODES[status] ?? "Error",
    message,
    path,
  };
}

/**
 * Checks `Authorization: Bearer <token>` and the token's scope. Missing, malformed, unknown,
 * revoked or expired → 401 `invalid_token`; the wrong scope → 403 `insufficient_scope`.
 */
export function requireToken(ctx: SharedContext, env: Environment, scope: PaloAltoScope): IssuedToken {
  const auth = parseAuthorization(ctx.req);
  const reject = (description: string) =>
    new HttpError(401, "invalid_token", description, {
      "WWW-Authenticate": `Bearer realm="oauth", error="invalid_token", error_description="${description.replaceAll('"', "'")}"`,
    });
  if (auth.scheme === "none") throw reject("Full authentication is required: send Authorization: Bearer <token>");
  if (auth.scheme !== "bearer") {
    throw reject(auth.scheme === "invalid" ? `${auth.reason}; expected "Bearer <token>"` : 'Expected "Bearer <token>"');
  }
  const found = env.tokens.lookup(auth.token);
  if (found.status === "expired") throw reject("Access token expired");
  if (found.status !== "valid") throw reject("Invalid access token");
  if (!found.token.scopes.includes(scope)) {
    throw new HttpError(403, "insufficient_scope", `Insufficient scope: this operation requires "${scope}"`, {
      "WWW-Authenticate": `Bearer realm="oauth", error="insufficient_scope", scope="${scope}"`,
    });
  }
  return found.token;
}
