import { randomUUID } from "node:crypto";
import { HttpError } from "../shared/http-helpers.js";

/**
 * The `error` values of Sophos's API error bodies, by status. Sophos's published answers show
 * only `Unauthorized` (401) and `Forbidden` (403), the HTTP reason phrases; the others follow
 * that pattern and are guesses, as the spec's `ApiError` says. Messages are ours.
 */
const CODES: Record<number, [code: string, message: string]> = {
  400: ["Bad Request", "Bad request."],
  401: ["Unauthorized", "Unauthorized."],
  403: ["Forbidden", "Forbidden."],
  404: ["Not Found", "Resource not found."],
  405: ["Method Not Allowed", "Method not allowed."],
  409: ["Conflict", "Resource conflict."],
  413: ["Payload Too Large", "Payload too large."],
  415: ["Unsupported Media Type", "Unsupported media type."],
  429: ["Too Many Requests", "Too many requests."],
  500: ["Internal Server Error", "Internal server error."],
  502: ["Bad Gateway", "Bad gateway."],
  503: ["Service Unavailable", "Service unavailable."],
};

/** The `error` value of every 401, the one Sophos's published gateway answer shows. */
export const GATEWAY_UNAUTHORIZED = "Unauthorized";

/** A refusal of an API host; `code` becomes the body's `error`. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, CODES[status]?.[0] ?? "error", message, headers);
}

export const badRequest = (message: string) => apiError(400, message);
export const forbidden = (message = "Forbidden.") => apiError(403, message);
export const notFound = (message: string) => apiError(404, message);

/**
 * `{ error, message, correlationId, requestId, createdAt }`. A 401 has no `createdAt`, as in
 * Sophos's published gateway answer (which has no `message` either; ours keeps one to explain).
 */
export function apiErrorBody(error: HttpError): Record<string, string> {
  const known = Object.values(CODES).some(([code]) => code === error.code) || error.code === GATEWAY_UNAUTHORIZED;
  const code = known ? error.code : (CODES[error.status]?.[0] ?? "error");
  const body: Record<string, string> = {
    error: code,
    message: error.description,
    correlationId: randomUUID(),
    requestId: randomUUID(),
  };
  if (code !== GATEWAY_UNAUTHORIZED) body["createdAt"] = new Date().toISOString();
  return body;
}

/** The API error body Sophos would send for `status`, for injected faults without a body. */
export function defaultApiErrorBody(status: number): Record<string, string> {
  return apiErrorBody(apiError(status, CODES[status]?.[1] ?? "Error."));
}

/** A refusal of the identity host, rendered as `{ errorCode, message, trackingId }`. */
export function tokenError(status: number, errorCode: string, message: string): HttpError {
  return new HttpError(status, errorCode, message);
}

export function tokenErrorBody(errorCode: string, message: string): Record<string, string> {
  return { errorCode, message, trackingId: randomUUID() };
}

/** Shared helpers throw OAuth-style codes; on the identity host they become `oauth.*` codes. */
export function tokenErrorFrom(error: HttpError): Record<string, string> {
  const code = error.code.startsWith("oauth.") ? error.code : `oauth.${error.code}`;
  return tokenErrorBody(code, error.description);
}
