import type { RequestAuthorizer } from "../transport/auth-policy.js";

/**
 * Fixed credential headers (a bearer token that never expires, HTTP Basic, an API key). There
 * is nothing to renew, so a refusal is final.
 */
export function createStaticAuthorizer(headers: Readonly<Record<string, string>>): RequestAuthorizer {
  return {
    async authorize(request) {
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return undefined;
    },
    async renew() {
      return false;
    },
  };
}
