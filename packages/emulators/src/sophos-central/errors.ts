import { randomUUID } from "node:crypto";
import { HttpError } from "../shared/http-helpers.js";

/**
 * The `error` codes of Sophos's API error bodies, by status, as the Postman collection's examples
 * spell them. `tooManyRequests`, `methodNotAllowed`, `payloadTooLarge` and
 * `unsupportedMediaType` follow the same style but are our guesses.
 */
const CODES: Record<number, [code: string, message: string]> = {
  400: ["badRequest", "Bad request."],
  401: ["notAuthorized", "Not authorized."],
  403: ["forbidden", "Forbidden."],
  404: ["notFound", "Resource not found."],
  405: ["methodNotAllowed", "Method not allowed."],
  409: ["resourceConflict", "Resource conflict."],
  413: ["payloadTooLarge", "Payload too large."],
  415: ["unsupportedMediaType", "Unsupported media type."],
  429: ["tooManyRequests", "Too many requests."],
  500: ["internalServerError", "Internal Server Error."],
};

/** The `error` value the API gateway uses when the bearer token is missing, invalid or expired. */
export const GATEWAY_UNAUTHORIZED = "Unauthorized";

/** A refusal of an API host; `code` becomes the body's `error`. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, CODES[status]?.[0] ?? "error", message, headers);
}

export const badRequest = (message: string) => apiError(400, message);
export const forbidden = (message = "Access is denied") => apiError(403, message);
export const notFound = (message: string) => apiError(404, message);

/**
 * `{ error, message, correlationId, requestId, createdAt }`. The gateway's 401 for a bad token
 * has no `createdAt`, as in Sophos's published example.
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
