import { isSecfetchError } from "../errors/secfetch-error.js";
import { NetworkError } from "../errors/network-error.js";
import { displayUrl } from "../events.js";
import type { Redactor } from "../errors/redact.js";
import type { PipelineRequest, SendRequest } from "./pipeline.js";

export interface FetchSenderOptions {
  fetch: typeof fetch;
  /** Extra `fetch` init, e.g. an undici `dispatcher` that trusts the appliance's CA. */
  init?: Record<string, unknown>;
  redactor?: Redactor;
  source: string;
}

/**
 * The innermost step: one real `fetch`. Called with a URL and an init rather than a `Request`,
 * so any fetch works — the global one, undici's, or a user's wrapper.
 * A failure with no HTTP response becomes a `NetworkError`; the caller's abort stays an abort.
 */
export function createFetchSender(options: FetchSenderOptions): SendRequest {
  return async (request: PipelineRequest) => {
    try {
      return await options.fetch(request.url.href, {
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
      throw new NetworkError(`${options.source}: ${request.method} ${displayUrl(request.url)} got no response${reason}.`, {
        cause: error,
        ...(options.redactor ? { redactor: options.redactor } : {}),
        hint: "Check the host is reachable from here (DNS, proxy, firewall) and, for an appliance with its own certificate, pass its CA as `ca`.",
      });
    }
  };
}
