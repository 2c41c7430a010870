/**
 * `@secfetch/auth/building-blocks`: the engine's pieces — token flows, sign-in steps, the token
 * manager, transport policies, pagers, the redactor — for composing a client by hand or testing
 * one piece alone. Everything of `@secfetch/auth` is here too. Vendor packages and their users
 * need only `@secfetch/auth`; these pieces may change shape in a minor release.
 */
export * from "./index.js";
export { ALL_FEATURES } from "./all-features.js";
export type { EngineFeatures } from "./client/engine-features.js";
export { responseError, type ResponseErrorOptions } from "./errors/response-error.js";
export { createRedactor, redactPatterns, redactValue, isSecretKey, REDACTED, type Redactor } from "./errors/redact.js";
export { fillTemplate, readPointer, templateHoles } from "./declaration/template.js";
export { createEventSink, displayUrl } from "./events.js";
export { debugListener } from "./debug-log.js";
export { formatEvent } from "./debug-format.js";

export { parseTokenResponse, MalformedTokenResponse } from "./token/token-record.js";
export { createTokenManager, TOKEN_MANAGER_DEFAULTS, type TokenManager, type TokenManagerOptions } from "./token/token-manager.js";
export { guardStore } from "./store/guarded-store.js";
export { createStoredSession, type StoredSessionOptions } from "./store/stored-session.js";

export { createOAuthTokenRequest, basicCredentials, type OAuthTokenRequestOptions } from "./flows/oauth-token-request.js";
export { createTokenAuthorizer, DEFAULT_APPLY_HEADERS, type TokenAuthorizerOptions } from "./flows/token-authorizer.js";
export { createStaticAuthorizer } from "./flows/static-authorizer.js";
export { createChallengeStep, type ChallengeStepOptions } from "./flows/challenge-step.js";
export { createDiscoveryStep, type DiscoveryStepOptions } from "./flows/discovery-step.js";
export { createSessionHandshake, type SessionValues, type SessionHandshakeOptions } from "./flows/session-handshake.js";
export { createHostTrust, type HostTrust } from "./util/host-trust.js";
export { isLoopbackHost } from "./util/loopback.js";

export { composePolicies, toFetch, toPipelineRequest, isIdempotent, type Deadline, type PipelineRequest, type SendRequest, type TransportPolicy } from "./transport/pipeline.js";
export { withFastPath } from "./transport/fast-path.js";
export { retryPolicy, RETRY_DEFAULTS, type RetryPolicyOptions } from "./transport/retry-policy.js";
export { retryAfterMs, backoffDelayMs, BACKOFF_DEFAULTS, type BackoffOptions } from "./transport/retry-after.js";
export { timeoutPolicy, DEFAULT_TIMEOUT_MS } from "./transport/timeout-policy.js";
export { authPolicy, type AuthPolicyOptions, type RequestAuthorizer } from "./transport/auth-policy.js";
export { createFetchSender } from "./transport/fetch-sender.js";
export { redirectPolicy } from "./transport/redirect-policy.js";
export { rateLimitPolicy, type RateLimitOptions } from "./transport/rate-limit-policy.js";

export { createPager } from "./paginate/create-pager.js";
export { iteratePages, iteratePageResults, type GetPage } from "./paginate/iterate-pages.js";
export type { TextItemsDecoders } from "./paginate/text-items.js";
export type { Pager, PageRequest } from "./paginate/pager.js";

export { startJob, type JobClient } from "./jobs/job.js";
export { resolveWaitOptions } from "./jobs/wait-options.js";
export { resolveOptions } from "./client/resolve-options.js";
