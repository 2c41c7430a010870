export * from "./errors/index.js";
export type * from "./declaration/types.js";
export { fillTemplate, readPointer, templateHoles } from "./declaration/template.js";
export { createEventSink, displayUrl, type EventListener, type SecfetchEvent } from "./events.js";

export type { TokenStore } from "./store/token-store.js";
export { createMemoryTokenStore } from "./store/memory-token-store.js";
export type { TokenRecord } from "./token/token-record.js";
export { parseTokenResponse, MalformedTokenResponse } from "./token/token-record.js";
export type { TokenSource } from "./token/token-source.js";
export { createTokenManager, TOKEN_MANAGER_DEFAULTS, type TokenManager, type TokenManagerOptions } from "./token/token-manager.js";

export { createOAuthTokenRequest, basicCredentials, type OAuthTokenRequestOptions } from "./flows/oauth-token-request.js";
export { createTokenAuthorizer, DEFAULT_APPLY_HEADERS, type TokenAuthorizerOptions } from "./flows/token-authorizer.js";
export { createStaticAuthorizer } from "./flows/static-authorizer.js";
export { createChallengeStep, type Challenge, type ChallengeCallback, type ChallengeStepOptions } from "./flows/challenge-step.js";
export { createDiscoveryStep, type Identity, type DiscoveryStepOptions } from "./flows/discovery-step.js";
export { createSessionHandshake, type SessionValues, type SessionHandshakeOptions } from "./flows/session-handshake.js";
export { createHostTrust, type HostTrust } from "./util/host-trust.js";

export { composePolicies, toFetch, toPipelineRequest, isIdempotent, type PipelineRequest, type SendRequest, type TransportPolicy } from "./transport/pipeline.js";
export { withFastPath } from "./transport/fast-path.js";
export { retryPolicy, RETRY_DEFAULTS, type RetryPolicyOptions } from "./transport/retry-policy.js";
export { retryAfterMs, backoffDelayMs, BACKOFF_DEFAULTS, type BackoffOptions } from "./transport/retry-after.js";
export { timeoutPolicy, DEFAULT_TIMEOUT_MS } from "./transport/timeout-policy.js";
export { authPolicy, type AuthPolicyOptions, type RequestAuthorizer } from "./transport/auth-policy.js";
export { createFetchSender } from "./transport/fetch-sender.js";
export { redirectPolicy } from "./transport/redirect-policy.js";
export { rateLimitPolicy, type RateLimitOptions } from "./transport/rate-limit-policy.js";

export { createPager } from "./paginate/create-pager.js";
export { iteratePages, iteratePageResults, type GetPage, type PageResult } from "./paginate/iterate-pages.js";
export type { Pager, PageRequest } from "./paginate/pager.js";

export type { CommonClientOptions } from "./client/client-options.js";
export {
  createApiClient,
  type ClientContext,
  type SecfetchClient,
  type Paginate,
  type Pages,
  type JobTypes,
  type StartJob,
  type RunJob,
} from "./client/create-api-client.js";
export { startJob, type Job, type JobClient, type JobResultsInit } from "./jobs/job.js";
export { resolveWaitOptions, JOB_WAIT_DEFAULTS, type JobWaitOptions } from "./jobs/wait-options.js";
export type { ChallengeClientOptions, DiscoveryClientOptions } from "./client/client-options.js";
export { resolveOptions } from "./client/resolve-options.js";
export type { StrictClient, StrictMethod } from "./client/strict-methods.js";
export { isLoopbackHost } from "./util/loopback.js";
