import { randomUUID } from "node:crypto";

/**
 * A refusal of the emulated Entra ID token endpoint. `text` follows the AADSTS code in
 * `error_description`; it must never contain a password, secret or token.
 */
export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly text: string,
    readonly extra: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${error}: AADSTS${aadsts}`);
    this.name = "AadError";
  }
}

/**
 * Entra ID's error body: `{ error, error_description, error_codes, timestamp, trace_id,
 * correlation_id, error_uri }` plus `suberror`/`claims` when they apply. The description starts
 * `AADSTS<code>: ` and ends with the trace id, correlation id and timestamp on their own lines,
 * joined with CRLF as the service does.
 */
export function aadErrorBody(failure: AadError): Record<string, unknown> {
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    error: failure.error,
    error_description:
      `AADSTS${failure.aadsts}: ${failure.text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [failure.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.aadsts}`,
    ...failure.extra,
  };
}

/** The default body of an injected fault on the token server. */
export function aadFaultError(status: number): AadError {
  if (status === 429 || status >= 500) {
    return new AadError(status, "temporarily_unavailable", 90024, "A transient error has occurred. Please try again.");
  }
  return new AadError(status, "invalid_request", 90023, "The authentication service request is not valid.");
}

/** A missing form parameter: AADSTS900144. */
export function missingParameter(name: string): AadError {
  return new AadError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);
}

/** Quotes a caller-supplied value in a description: shortened, and only printable ASCII kept. */
export function quoted(value: string): string {
  return value.slice(0, 80).replace(/[^\x20-\x7e]/g, "?");
}
