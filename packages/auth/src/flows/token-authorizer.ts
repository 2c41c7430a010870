import { fillTemplate } from "../declaration/template.js";
import type { Template } from "../declaration/types.js";
import type { TokenManager } from "../token/token-manager.js";
import type { RequestAuthorizer } from "../transport/auth-policy.js";

export const DEFAULT_APPLY_HEADERS: Readonly<Record<string, Template>> = { Authorization: "Bearer {accessToken}" };

/**
 * Puts a managed token on each request through header templates (`Bearer {accessToken}` by
 * default). On a refusal it invalidates exactly the token that was sent, so a burst of refusals
 * of one old token leads to a single new sign-in.
 */
export function createTokenAuthorizer(options: {
  tokens: TokenManager;
  headers?: Readonly<Record<string, Template>>;
  values?: Readonly<Record<string, unknown>>;
}): RequestAuthorizer {
  const headers = options.headers ?? DEFAULT_APPLY_HEADERS;
  return {
    async authorize(request) {
      const record = await options.tokens.getRecord(request.signal ? { signal: request.signal } : {});
      const values = { ...options.values, accessToken: record.accessToken, tokenType: record.tokenType };
      for (const [name, template] of Object.entries(headers)) {
        const value = fillTemplate(template, values);
        if (value !== undefined) request.headers.set(name, value);
      }
      return record.accessToken;
    },
    async renew(used) {
      await options.tokens.invalidate(typeof used === "string" ? used : undefined);
      return true;
    },
  };
}
