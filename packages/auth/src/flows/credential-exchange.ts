import { readPointer } from "../declaration/template.js";
import type { ExchangeDeclaration } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import type { Redactor } from "../errors/redact.js";
import { MalformedTokenResponse, parseTokenResponse, type TokenRecord } from "../token/token-record.js";
import { readJsonBody } from "../util/read-json-body.js";
import { stepRequest } from "./step-request.js";
import { tokenRefusal } from "./token-refusal.js";

export interface CredentialExchangeOptions {
  declaration: ExchangeDeclaration;
  values: Readonly<Record<string, unknown>>;
  /** Sends the request; a transport with timeout and retries, ending in the client's fetch. */
  send: (request: Request) => Promise<Response>;
  redactor: Redactor;
  source: string;
  now?: () => number;
}

/**
 * Trades a long-lived credential for a short-lived bearer token with the one request a vendor
 * defines for it (not OAuth: no grant, no client id). The answer is read through the same checks
 * as an OAuth token response, so an odd token or lifetime is refused the same way.
 */
export function createCredentialExchange(options: CredentialExchangeOptions) {
  const { declaration, source, redactor } = options;
  const now = options.now ?? Date.now;
  return async function exchange(signal?: AbortSignal): Promise<TokenRecord> {
    const request = stepRequest(declaration.request, options.values, signal);
    if (request === undefined) throw new AuthenticationError(`${source}: the token exchange URL could not be built.`);
    const requestedAt = now();
    const response = await options.send(request);
    const parsed = await readJsonBody(response);
    if (!response.ok) throw tokenRefusal(response.status, parsed, { error: declaration.error, redactor, source });
    const token = readPointer(parsed.json, declaration.token);
    const expiresIn = declaration.expiresIn === undefined ? undefined : readPointer(parsed.json, declaration.expiresIn);
    try {
      return parseTokenResponse(
        { access_token: token, expires_in: expiresIn ?? declaration.lifetimeSeconds },
        { requestedAt, absentMeansNever: true, zeroMeansNever: false },
      );
    } catch (error) {
      if (!(error instanceof MalformedTokenResponse)) throw error;
      throw new AuthenticationError(`${source}: ${error.message.replace("access_token", declaration.token)}, so no token was kept.`, {
        status: response.status,
        code: "invalid_token_response",
        redactor,
        hint: "Check that the token exchange URL points at the vendor's sign-in host; if it does, its answer changed and this is worth an issue.",
      });
    }
  };
}
