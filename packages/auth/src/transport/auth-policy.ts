import { AuthenticationError } from "../errors/authentication-error.js";
import { vendorErrorCode } from "../errors/vendor-code.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { Redactor } from "../errors/redact.js";
import { createEventSink, displayUrl, type EventListener } from "../events.js";
import { isSecureForCredentials, PLAIN_HTTP_HINT } from "../util/loopback.js";
import { readJsonBody } from "../util/read-json-body.js";
import { markFinal } from "../util/final-errors.js";
import type { PipelineRequest, TransportPolicy } from "./pipeline.js";

/** Puts a credential on requests; one per sign-in style (token, static, session). */
export interface RequestAuthorizer {
  /** Sets the credential's headers; returns what was used, so `renew` can drop exactly that. */
  authorize(request: PipelineRequest): Promise<unknown>;
  /**
   * Sets the credential's headers at once when it is in hand and fresh (the fast path), and
   * returns what was used; `undefined` when `authorize` has to wait (a sign-in, a refresh, a discovery).
   */
  authorizeNow?(request: PipelineRequest): { used: unknown } | undefined;
  /** The credential was refused: drop it. `false` when no fresh credential can exist (a static token). */
  renew(used: unknown): Promise<boolean>;
}

export interface AuthPolicyOptions {
  authorizer: RequestAuthorizer;
  /** Statuses that mean "credential gone". Default `[401]`. */
  reauthOn?: readonly number[];
  /** Requests whose refusal is an answer, not a lost credential: handed back as they are. */
  skipReauth?: (method: string, url: URL) => boolean;
  onEvent?: EventListener;
  /** The spec's hints for a final refusal, by HTTP status (`x-secfetch-auth.refusalHints`). */
  refusalHints?: Readonly<Record<string, string>> | undefined;
  redactor: Redactor;
  source: string;
  /** Hosts the user allowed plain http for. */
  plainHttpHosts?: ReadonlySet<string>;
}

/**
 * Signs each attempt, and when the server says the credential is gone, signs in again once and
 * replays the same bytes. A refusal that survives the fresh sign-in — or that no fresh sign-in
 * can fix — is an `AuthenticationError`.
 */
export function authPolicy(options: AuthPolicyOptions): TransportPolicy {
  const reauthOn = new Set(options.reauthOn ?? [401]);
  const emit = createEventSink(options.onEvent);
  const { source, redactor } = options;

  // A plain-http host allowed once (the emulators on loopback) is not checked again on every call.
  let allowedPlainHost: string | undefined;
  const secure = (url: URL) => {
    if (url.protocol === "https:" || (url.protocol === "http:" && url.host === allowedPlainHost)) return true;
    const ok = isSecureForCredentials(url, options.plainHttpHosts);
    if (ok) allowedPlainHost = url.host;
    return ok;
  };

  return {
    name: "auth",
    prepare(request) {
      if (!secure(request.url)) return false;
      const signed = options.authorizer.authorizeNow?.(request);
      if (!signed) return false;
      request.signed = signed.used;
      return true;
    },
    passes: (response, request) => !reauthOn.has(response.status) || (options.skipReauth?.(request.method, request.url) ?? false),
    async send(request, next) {
      if (!secure(request.url)) {
        throw new ConfigurationError(
          `${source}: refusing to send credentials over plain http to ${request.url.host}.`,
          { option: "baseUrl", hint: PLAIN_HTTP_HINT },
        );
      }
      // A first attempt the fast path made was signed there: a refusal must drop that credential,
      // not one a concurrent call has fetched since.
      const used = request.primed?.outcome ? request.signed : await signOrMarkFinal(() => options.authorizer.authorize(request));
      const response = await next(request);
      if (!reauthOn.has(response.status) || options.skipReauth?.(request.method, request.url)) return response;
      const renewable = await options.authorizer.renew(used);
      if (!renewable) throw await refused(response, request, "the credential was refused and cannot be renewed");
      await response.body?.cancel().catch(() => {});
      emit({ type: "request.replay", method: request.method, url: displayUrl(request.url), status: response.status });
      await signOrMarkFinal(() => options.authorizer.authorize(request));
      const replayed = await next(request);
      if (!reauthOn.has(replayed.status)) return replayed;
      throw await refused(replayed, request, "the credential was refused again after a fresh sign-in");
    },
  };

  // A sign-in failure has already been through the sign-in transport's own retries: retrying
  // the API call would run them all again, (1 + maxRetries)² attempts in all.
  async function signOrMarkFinal<T>(sign: () => Promise<T>): Promise<T> {
    try {
      return await sign();
    } catch (error) {
      markFinal(error);
      throw error;
    }
  }

  async function refused(response: Response, request: PipelineRequest, what: string): Promise<AuthenticationError> {
    const { json } = await readJsonBody(response);
    const code = vendorErrorCode(json);
    return new AuthenticationError(
      `${source}: ${request.method} ${displayUrl(request.url)} answered HTTP ${response.status}: ${what}.`,
      {
        status: response.status,
        ...(code ? { code } : {}),
        body: json,
        redactor,
        hint: options.refusalHints?.[String(response.status)] ?? "Check that the credentials are still valid and have the scopes or permissions this call needs.",
      },
    );
  }
}
