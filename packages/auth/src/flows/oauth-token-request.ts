import type { TokenRequestDeclaration } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import type { Redactor } from "../errors/redact.js";
import { MalformedTokenResponse, parseTokenResponse, type TokenRecord } from "../token/token-record.js";
import { readJsonBody } from "../util/read-json-body.js";
import { tokenRefusal } from "./token-refusal.js";

export interface OAuthTokenRequestOptions {
  /** The token endpoint, already resolved. */
  url: string;
  grant: TokenRequestDeclaration["grant"];
  clientAuth: TokenRequestDeclaration["clientAuth"];
  encoding: TokenRequestDeclaration["encoding"];
  clientId: string;
  clientSecret?: string | undefined;
  /** Grant-specific and vendor parameters (`scope`, `username`, `realm`, `code`, …), already filled. */
  params?: Readonly<Record<string, string>>;
  expiresIn?: TokenRequestDeclaration["expiresIn"];
  /** Where the vendor puts its error code and message; defaults to RFC 6749's `/error`, `/error_description`. */
  error?: TokenRequestDeclaration["error"];
  /** Sends the request; a transport with timeout and retries, ending in the client's fetch. */
  send: (request: Request) => Promise<Response>;
  redactor: Redactor;
  /**
   * A "more needed" answer (MFA): when the endpoint answers `status`, `answer` turns its body
   * into the extra fields of a retried request (see `createChallengeStep`).
   */
  challenge?: { status: number; answer: (body: unknown, signal?: AbortSignal) => Promise<Record<string, string>> } | undefined;
  /** Prefix for messages: the vendor package's name. */
  source: string;
  now?: () => number;
}

/**
 * One OAuth 2 token request (RFC 6749 §4.1.3, §4.3, §4.4, §6) in the encodings and client
 * authentication styles vendors actually use: form or JSON bodies, HTTP Basic or body secrets.
 * Returns a parsed record or throws `AuthenticationError` with the vendor's code and no secret.
 *
 * Hand-written rather than built on oauth4webapi: that library (rightly) speaks only the RFC's
 * form encoding and strict response shapes, and our vendors need JSON bodies, numeric-string
 * `expires_in` and vendor error fields.
 */
export function createOAuthTokenRequest(options: OAuthTokenRequestOptions) {
  const now = options.now ?? Date.now;
  if (options.clientAuth === "basic") {
    // The header's base64 decodes to the secret: a server that echoes it must not leak it.
    const basic = basicCredentials(options.clientId, options.clientSecret ?? "");
    options.redactor.pin(basic, basic.slice("Basic ".length));
  }
  /** `signal` stops the request, and an MFA step it leads to (a push being polled). */
  return async function requestToken(extra: Readonly<Record<string, string>> = {}, signal?: AbortSignal): Promise<TokenRecord> {
    let answer: Record<string, string> = {};
    // A server that keeps asking is not answered forever: a handful of rounds covers every real MFA flow.
    for (let round = 0; ; round++) {
      const { response, requestedAt } = await send({ ...extra, ...answer }, signal);
      if (options.challenge && response.status === options.challenge.status && round < 3) {
        answer = await options.challenge.answer((await readJsonBody(response)).json, signal);
        continue;
      }
      return accept(response, requestedAt, round > 0);
    }
  };

  async function send(extra: Readonly<Record<string, string>>, signal: AbortSignal | undefined): Promise<{ response: Response; requestedAt: number }> {
    const fields: Record<string, string> = { grant_type: options.grant, ...options.params, ...extra };
    const headers = new Headers({ accept: "application/json" });
    if (options.clientAuth === "basic") {
      headers.set("authorization", basicCredentials(options.clientId, options.clientSecret ?? ""));
    } else {
      fields.client_id = options.clientId;
      if (options.clientAuth === "body" && options.clientSecret !== undefined) fields.client_secret = options.clientSecret;
    }
    let body: string;
    if (options.encoding === "json") {
      headers.set("content-type", "application/json");
      body = JSON.stringify(fields);
    } else {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(fields).toString();
    }
    const requestedAt = now();
    return { response: await options.send(new Request(options.url, { method: "POST", headers, body, ...(signal ? { signal } : {}) })), requestedAt };
  }

  async function accept(response: Response, requestedAt: number, afterChallenge: boolean): Promise<TokenRecord> {
    const parsed = await readJsonBody(response);
    if (!response.ok) throw tokenRefusal(response.status, parsed, { ...options, afterChallenge });
    try {
      return parseTokenResponse(parsed.json, { requestedAt, ...options.expiresIn });
    } catch (error) {
      if (!(error instanceof MalformedTokenResponse)) throw error;
      throw new AuthenticationError(`${options.source}: ${error.message}, so no token was kept.`, {
        status: response.status,
        code: "invalid_token_response",
        redactor: options.redactor,
        hint: "Check that baseUrl points at the vendor's API host; if it does, the vendor's token endpoint changed and this is worth an issue.",
      });
    }
  }
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
export function basicCredentials(id: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  const bytes = new TextEncoder().encode(`${encode(id)}:${encode(secret)}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
