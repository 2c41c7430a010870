import type { EventListener } from "../events.js";
import type { ChallengeCallback } from "../flows/challenge-step.js";
import type { TokenStore } from "../store/token-store.js";

/** Options every vendor factory takes besides its credentials. */
export interface CommonClientOptions {
  /** API host root; overrides the spec's default server (emulators, private clouds, appliances). */
  baseUrl?: string | undefined;
  /**
   * Custom fetch. All of the client's HTTP traffic goes through it: token, discovery, sign-in
   * and API calls. It is called as `fetch(url, init)`; with `ca`, `init.dispatcher` carries the
   * undici dispatcher that trusts it, so forward `init` to undici's or Node's fetch.
   */
  fetch?: typeof fetch | undefined;
  /** Extra trusted CA certificates (PEM), for appliances with their own CA. Node only. */
  ca?: string | string[] | undefined;
  /** Per attempt (connect, headers and the whole body), in milliseconds. Default 30 000; at most 2^31 − 1. */
  timeoutMs?: number | undefined;
  /**
   * Largest response body read, in bytes: a larger answer is a `NetworkError`, read no further.
   * Default 64 MiB (sign-in answers: at most 1 MiB).
   */
  maxResponseBytes?: number | undefined;
  /** Retries after the first attempt. Default 2; 0 turns retries off. */
  maxRetries?: number | undefined;
  /** Where tokens live. Default: in memory, in this client. Share one store to share tokens. */
  tokenStore?: TokenStore | undefined;
  /** Each request and sign-in step, page, token issued / refreshed / failed, retry, replay: never a secret inside. */
  onEvent?: EventListener | undefined;
  /**
   * Client-side request-rate limit. Default: the vendor's declared limit, if it has one.
   * `false` turns it off (for a vendor that raised your limit).
   */
  rateLimit?: { requestsPerSecond: number } | false | undefined;
  /**
   * Hosts (`host` or `host:port`) that may receive credentials over plain http, for an
   * on-premises server that speaks nothing else, on a network you trust. Credentials and
   * session cookies then travel unencrypted to exactly these hosts; every other host still
   * needs https. Default: none (loopback hosts are always allowed).
   */
  allowPlainHttpHosts?: readonly string[] | undefined;
}

/** Options only specs that declare the matching step take. */
export interface ChallengeClientOptions {
  /** Returns the code for a one-time-password challenge (MFA). Push methods are polled instead. */
  onChallenge?: ChallengeCallback | undefined;
  /** How often to ask whether a push was approved, in milliseconds. Default: the spec's. */
  pushPollIntervalMs?: number | undefined;
  /** How long to wait for a push approval before a `TimeoutError`, in milliseconds. Default: the spec's (120 000). */
  pushDeadlineMs?: number | undefined;
}

export interface DiscoveryClientOptions {
  /** Decides which discovered API hosts may receive the token, instead of the spec's default rule. */
  isTrustedApiHost?: ((url: URL) => boolean) | undefined;
}

export const COMMON_OPTION_NAMES: ReadonlySet<string> = new Set([
  "baseUrl",
  "fetch",
  "ca",
  "timeoutMs",
  "maxResponseBytes",
  "maxRetries",
  "tokenStore",
  "onEvent",
  "rateLimit",
  "allowPlainHttpHosts",
]);
