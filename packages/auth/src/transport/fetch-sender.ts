import { isSecfetchError } from "../errors/secfetch-error.js";
import { NetworkError } from "../errors/network-error.js";
import { displayUrl } from "../events.js";
import type { Redactor } from "../errors/redact.js";
import type { PipelineRequest, SendRequest } from "./pipeline.js";
import { markFinal } from "../util/final-errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readCappedBody } from "./read-capped-body.js";

const CERTIFICATE_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_SIGNATURE_FAILURE",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "CERT_REVOKED",
  "CERT_REJECTED",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
]);

function isCertificateError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CERTIFICATE_CODES.has(code)) return true;
  }
  return false;
}

export interface FetchSenderOptions {
  fetch: typeof fetch;
  /** Largest response body read, in bytes; a larger one is a final `NetworkError`. */
  maxResponseBytes?: number;
  /** Extra `fetch` init, e.g. an undici `dispatcher` that trusts the appliance's CA. */
  init?: Record<string, unknown>;
  redactor?: Redactor;
  source: string;
}

/**
 * The innermost step: one real `fetch`. Called with a URL and an init rather than a `Request`,
 * so any fetch works — the global one, undici's, or a user's wrapper.
 * A failure with no HTTP response becomes a `NetworkError`; the caller's abort stays an abort.
 * The body is read here, inside the attempt (see `readCappedBody`).
 */
export function createFetchSender(options: FetchSenderOptions): SendRequest {
  const cap = { maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, source: options.source, redactor: options.redactor };
  return async (request: PipelineRequest) => {
    let response: Response;
    try {
      response = await options.fetch(request.url.href, {
        ...options.init,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        // The redirect policy follows redirects itself, to keep credentials off other origins.
        redirect: "manual",
      });
    } catch (error) {
      if (request.signal?.aborted || isSecfetchError(error)) throw error;
      const reason = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      const certificate = isCertificateError(error);
      const failure = new NetworkError(
        certificate
          ? `${options.source}: the certificate of ${request.url.host} is not trusted${reason}.`
          : `${options.source}: ${request.method} ${displayUrl(request.url)} got no response${reason}.`,
        {
          cause: error,
          ...(options.redactor ? { redactor: options.redactor } : {}),
          hint: certificate
            ? "Pass the server's CA certificate (PEM) as `ca`; verification is never turned off."
            : "Check the host is reachable from here (DNS, proxy, firewall) and, for an appliance with its own certificate, pass its CA as `ca`.",
        },
      );
      // A certificate that is not trusted now will not be trusted in a second: no retry.
      if (certificate) markFinal(failure);
      throw failure;
    }
    return readCappedBody(response, request, cap);
  };
}
