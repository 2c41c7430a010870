import type { RequestAuthorizer } from "../transport/auth-policy.js";
import type { PipelineRequest } from "../transport/pipeline.js";

const SIGNED = { used: undefined };

/**
 * Fixed credential headers (a bearer token that never expires, HTTP Basic, an API key). There
 * is nothing to renew, so a refusal is final.
 */
export function createStaticAuthorizer(headers: Readonly<Record<string, string>>): RequestAuthorizer {
  const entries = Object.entries(headers);
  const apply = (request: PipelineRequest) => {
    for (const [name, value] of entries) request.headers.set(name, value);
  };
  return {
    async authorize(request) {
      apply(request);
      return undefined;
    },
    authorizeNow(request) {
      apply(request);
      return SIGNED;
    },
    async renew() {
      return false;
    },
  };
}
