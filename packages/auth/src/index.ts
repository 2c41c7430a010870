/**
 * `@secfetch/auth`: what a generated vendor package and its users need — the client factory and
 * its types, the declaration types generated code holds, errors, events, token stores and jobs.
 * The engine's separate pieces are in `@secfetch/auth/building-blocks`.
 */
export {
  SecfetchError,
  isSecfetchError,
  nameErrorClass,
  ConfigurationError,
  AuthenticationError,
  ApiError,
  TimeoutError,
  JobFailedError,
  NetworkError,
  type SecfetchErrorOptions,
  type AuthenticationErrorOptions,
  type ApiErrorOptions,
  type JobFailedErrorOptions,
} from "./errors/index.js";
export type * from "./declaration/types.js";
export type { EventListener, SecfetchEvent } from "./events.js";

export type { TokenStore, StoredRecord, SessionRecord } from "./store/token-store.js";
export { createMemoryTokenStore } from "./store/memory-token-store.js";
export type { TokenRecord } from "./token/token-record.js";
export type { TokenSource } from "./token/token-source.js";

export type { CommonClientOptions, ChallengeClientOptions, DiscoveryClientOptions } from "./client/client-options.js";
export type { Challenge, ChallengeCallback } from "./flows/challenge-step.js";
export type { Identity } from "./flows/discovery-step.js";
export type { DelegateListOptions } from "./client/delegates.js";
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
export type { StrictClient, StrictMethod } from "./client/strict-methods.js";
export type { PageResult } from "./paginate/iterate-pages.js";
export type { Job, JobResultsInit } from "./jobs/job.js";
export { JOB_WAIT_DEFAULTS, type JobWaitOptions } from "./jobs/wait-options.js";
