import createClient, { type Client, type MaybeOptionalInit } from "openapi-fetch";
import { debugListener } from "../debug-log.js";
import type { ClientDefinition } from "../declaration/types.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { createRedactor, type Redactor } from "../errors/redact.js";
import { createEventSink, type EventListener, type SecfetchEvent } from "../events.js";
import type { Identity } from "../flows/discovery-step.js";
import type { Job, JobClient } from "../jobs/job.js";
import type { JobWaitOptions } from "../jobs/wait-options.js";
import { iteratePageResults, iteratePages, type PageResult } from "../paginate/iterate-pages.js";
import type { TokenSource } from "../token/token-source.js";
import { authPolicy, type RequestAuthorizer } from "../transport/auth-policy.js";
import { createCaFetch } from "#ca-fetch";
import { createFetchSender } from "../transport/fetch-sender.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../transport/read-capped-body.js";
import { callRequestClass } from "../transport/call-request.js";
import { withFastPath } from "../transport/fast-path.js";
import { observeRequests } from "../transport/observe-requests.js";
import { composePolicies, toFetch, type SendRequest, type TransportPolicy } from "../transport/pipeline.js";
import { rateLimitPolicy } from "../transport/rate-limit-policy.js";
import { redirectPolicy } from "../transport/redirect-policy.js";
import { retryPolicy } from "../transport/retry-policy.js";
import { timeoutPolicy } from "../transport/timeout-policy.js";
import { buildAuthorizer } from "./build-authorizer.js";
import type { DelegateListOptions } from "./delegates.js";
import { feature, featureEntry, pagerFor } from "./engine-features.js";
import type { CommonClientOptions } from "./client-options.js";
import { resolveOptions } from "./resolve-options.js";
import type { InitArgs, StrictClient } from "./strict-methods.js";
import { retrySafeMatcher } from "./retry-safe-matcher.js";


/** `paginate(path, init)`: every item of every page of a paged GET, typed by the spec. */
export type Paginate<Paths, Pages> = <P extends keyof Pages & keyof Paths & string>(
  path: P,
  ...init: InitArgs<MaybeOptionalInit<Paths[P] & Record<"get", unknown>, "get">>
) => AsyncIterable<Pages[P]>;

/** `pages(path, init)`: the same walk a page at a time, each with the checkpoint to resume from. */
export type Pages<Paths, PageItems> = <P extends keyof PageItems & keyof Paths & string>(
  path: P,
  ...init: InitArgs<MaybeOptionalInit<Paths[P] & Record<"get", unknown>, "get">>
) => AsyncIterable<PageResult<PageItems[P]>>;

/** The types of one declared job: what its start answers, what its status reads, what its results hold. */
export interface JobTypes {
  start: unknown;
  status: unknown;
  item: unknown;
}

type JobOf<T> = T extends JobTypes ? Job<T["start"], T["status"], T["item"]> : Job;

/** `startJob(path, init)`: starts a long-running job with its POST and returns its handle. */
export type StartJob<Paths, Jobs> = <P extends keyof Jobs & keyof Paths & string>(
  path: P,
  ...init: InitArgs<MaybeOptionalInit<Paths[P] & Record<"post", unknown>, "post">>
) => Promise<JobOf<Jobs[P]>>;

/** `runJob(path, init, options)`: starts a job and waits until it is done; read its results from the handle. */
export type RunJob<Paths, Jobs> = <P extends keyof Jobs & keyof Paths & string>(
  path: P,
  init: MaybeOptionalInit<Paths[P] & Record<"post", unknown>, "post">,
  options?: JobWaitOptions<Jobs[P] extends JobTypes ? Jobs[P]["status"] : unknown>,
) => Promise<JobOf<Jobs[P]>>;

/** An openapi-fetch client typed by a vendor's spec, with paging, jobs and its token source. */
export type SecfetchClient<Paths extends {}, PageItems, Jobs = {}> = StrictClient<Paths> & {
  paginate: Paginate<Paths, PageItems>;
  /** Pages with checkpoints, for collectors that stop and resume (save `checkpoint`, pass it back as query). */
  pages: Pages<Paths, PageItems>;
  /** Starts a long-running job (a query run) the spec declares; poll, wait, cancel and read results on the handle. */
  startJob: StartJob<Paths, Jobs>;
  /** Starts a declared job and waits, with backoff, a deadline and an optional AbortSignal, until it is done. */
  runJob: RunJob<Paths, Jobs>;
  /** The client's token source: `getToken()` and `invalidate()`. */
  auth: TokenSource;
};

/**
 * What a vendor package's own layer over the generated client may use besides the client itself,
 * handed to its `extend` function once (so none of it sits on the client's public surface).
 */
export interface ClientContext<Paths extends {}, PageItems, Jobs = {}> {
  /**
   * The identity the client discovered after sign-in (for specs that declare `discover`); the
   * first call signs in and asks, later calls read the same answer.
   * @throws ConfigurationError when the spec declares no identity discovery.
   */
  identity(): Promise<Identity>;
  /**
   * A client of the same API that calls `baseUrl` with fixed identity headers and shares this
   * client's token: a partner's client for one of its tenants. The host must pass the spec's
   * trust rule before it gets a token.
   */
  derive(identity: { baseUrl: string; headers: Record<string, string> }): SecfetchClient<Paths, PageItems, Jobs>;
  /**
   * The identities this principal acts for, as the spec declares them (`discover.delegates`):
   * each listed item as the list gives it.
   * @throws ConfigurationError (on iteration) for a kind of principal with no list, or when the spec declares none.
   */
  delegates(options?: DelegateListOptions): AsyncIterable<unknown>;
  /**
   * The client that acts for one listed item (its host, its identity headers, this client's
   * token), the same one for the same item; `undefined` when the item has no host yet.
   * @throws ConfigurationError for an item without the declared id or with a malformed host.
   * @throws AuthenticationError (`untrusted_api_host`) when the host fails the spec's trust rule.
   */
  delegateClient(item: unknown): SecfetchClient<Paths, PageItems, Jobs> | undefined;
}

const SIGN_IN_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Builds a vendor client from its generated definition. The transport is, outermost first:
 * retry → sign (and replay once on a refusal) → rate limit → redirect → per-attempt timeout →
 * fetch. Sign-in requests take the same path without the signing step.
 *
 * A vendor package with methods of its own passes `extend`: it gets the client and its
 * {@link ClientContext} once and returns the client it hands to users.
 */
export function createApiClient<Paths extends {}, Pages, Jobs = {}>(definition: ClientDefinition, options: CommonClientOptions): SecfetchClient<Paths, Pages, Jobs>;
export function createApiClient<Paths extends {}, Pages, Jobs, Extended>(
  definition: ClientDefinition,
  options: CommonClientOptions,
  extend: (client: SecfetchClient<Paths, Pages, Jobs>, context: ClientContext<Paths, Pages, Jobs>) => Extended,
): Extended;
export function createApiClient<Paths extends {}, Pages, Jobs, Extended>(
  definition: ClientDefinition,
  options: CommonClientOptions,
  extend?: (client: SecfetchClient<Paths, Pages, Jobs>, context: ClientContext<Paths, Pages, Jobs>) => Extended,
): SecfetchClient<Paths, Pages, Jobs> | Extended {
  const resolved = resolveOptions(definition, options);
  const source = definition.packageName;
  const redactor = createRedactor(resolved.secrets);
  const { onEvent, listening } = redactingSink(options.onEvent, redactor, source);
  const observed = (send: SendRequest, signIn: boolean): SendRequest => (listening ? observeRequests(send, onEvent, signIn) : send);

  const userFetch = options.fetch;
  const baseFetch: typeof fetch = resolved.ca ? createCaFetch(resolved.ca, userFetch) : (userFetch ?? ((input, init) => globalThis.fetch(input, init)));
  const maxResponseBytes = resolved.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const sender = createFetchSender({ fetch: baseFetch, redactor, source, maxResponseBytes });
  // A token or sign-in answer is a few hundred bytes: one of megabytes is not read whole.
  const signInSender = createFetchSender({ fetch: baseFetch, redactor, source, maxResponseBytes: Math.min(maxResponseBytes, SIGN_IN_MAX_RESPONSE_BYTES) });
  const retry = retryPolicy({ ...(resolved.maxRetries === undefined ? {} : { maxRetries: resolved.maxRetries }), onEvent });
  const timeout = timeoutPolicy({ ...(resolved.timeoutMs === undefined ? {} : { timeoutMs: resolved.timeoutMs }), source, redactor });
  const limit: TransportPolicy[] = resolved.rateLimit ? [rateLimitPolicy(resolved.rateLimit)] : [];

  const retrySafe = retrySafeMatcher(definition.retrySafe);
  // Sign-in requests carry credentials in their own way and are never redirected off their host.
  // They follow the same retry rule as API calls: a token POST is repeated after a 5xx or a lost
  // connection only when the spec marks it safe (a single-use code or a rotating refresh token
  // must not be spent twice).
  const signIn = toFetch(
    observed(composePolicies([retry, ...limit, redirectPolicy({ credentialHeaders: ["authorization", "cookie"], maxRedirects: 0 }), timeout], signInSender), true),
    retrySafe,
  );
  const built = buildAuthorizer({
    features: definition.features,
    auth: definition.auth,
    mode: resolved.mode,
    values: resolved.values,
    baseUrl: new URL(resolved.baseUrl),
    send: signIn,
    store: options.tokenStore,
    onEvent,
    redactor,
    source,
    onChallenge: resolved.onChallenge,
    pushPollIntervalMs: resolved.pushPollIntervalMs,
    pushDeadlineMs: resolved.pushDeadlineMs,
    isTrustedApiHost: resolved.isTrustedApiHost,
    plainHttpHosts: resolved.plainHttpHosts,
  });
  const redirect = redirectPolicy({ credentialHeaders: built.credentialHeaders });
  const attempt = composePolicies([timeout], sender);
  const skipReauth = retrySafeMatcher(definition.noReauth ?? []);

  function assemble(authorizer: RequestAuthorizer, baseUrl: string): SecfetchClient<Paths, Pages, Jobs> {
    const api = observed(
      withFastPath(
        [retry, authPolicy({ authorizer, reauthOn: definition.auth.reauthOn ?? [401], refusalHints: definition.auth.refusalHints, skipReauth, onEvent, redactor, source, plainHttpHosts: resolved.plainHttpHosts }), ...limit, redirect],
        attempt,
      ),
      false,
    );
    const requests = callRequestClass();
    const client = createClient<Paths>({ baseUrl, fetch: toFetch(api, retrySafe), Request: requests.Request });
    requests.realWhile(keepRealRequestsForMiddleware(client));
    const walk = (path: string, init?: Record<string, unknown>) => {
      const declaration = definition.pagination[path];
      if (!declaration) {
        const paged = Object.keys(definition.pagination);
        throw new ConfigurationError(`${source}: \`${path}\` is not a paged operation.`, {
          option: "path",
          hint: paged.length ? `Paged operations: ${paged.join(", ")}.` : "This API has no paged operations.",
        });
      }
      const get = client.GET as unknown as Parameters<typeof iteratePages>[0]["get"];
      const textItems = declaration.itemsText ? { at: declaration.items, decode: featureEntry(definition.features, "textItems", declaration.itemsText, source) } : undefined;
      return { get, pager: pagerFor(definition.features, declaration, source), path, ...(init ? { init } : {}), source, redactor, ...(listening ? { onEvent } : {}), ...(textItems ? { textItems } : {}) };
    };
    const paginate = (path: string, init?: Record<string, unknown>) => iteratePages(walk(path, init));
    const pages = (path: string, init?: Record<string, unknown>) => iteratePageResults(walk(path, init));
    const jobClient: JobClient = {
      get: client.GET as unknown as JobClient["get"],
      post: client.POST as unknown as JobClient["post"],
      paginate: paginate as JobClient["paginate"],
      pages: pages as JobClient["pages"],
      source,
      redactor,
    };
    const declaredJob = (path: string) => {
      const declaration = definition.jobs?.[path];
      if (declaration) return declaration;
      const jobs = Object.keys(definition.jobs ?? {});
      throw new ConfigurationError(`${source}: \`${path}\` does not start a job.`, {
        option: "path",
        hint: jobs.length ? `Operations that start jobs: ${jobs.map((job) => `POST ${job}`).join(", ")}.` : "This API declares no long-running jobs.",
      });
    };
    // A path that starts no job and bad wait options throw at the call, as `paginate` does, before anything is sent.
    const jobs = () => feature(definition.features, "jobs", source);
    const start = (path: string, init?: Record<string, unknown>) => {
      const declaration = declaredJob(path);
      return jobs().start(jobClient, path, declaration, init);
    };
    const run = (path: string, init?: Record<string, unknown>, waitOptions?: JobWaitOptions) => {
      const declaration = declaredJob(path);
      jobs().resolveWaitOptions(waitOptions);
      return jobs().start(jobClient, path, declaration, init).then(async (job) => {
        await job.wait(waitOptions);
        return job;
      });
    };
    const full = Object.assign(client, {
      paginate: paginate as unknown as Paginate<Paths, Pages>,
      pages: pages as unknown as SecfetchClient<Paths, Pages, Jobs>["pages"],
      startJob: start as unknown as StartJob<Paths, Jobs>,
      runJob: run as unknown as RunJob<Paths, Jobs>,
      auth: built.tokens,
    });
    // The same methods, typed strictly: see StrictClient.
    return full as unknown as SecfetchClient<Paths, Pages, Jobs>;
  }

  const client = assemble(built.authorizer, resolved.baseUrl);
  if (!extend) return client;
  const discovered = built.identity;
  const identity = () => (discovered ? discovered() : Promise.reject(new ConfigurationError(`${source}: this spec declares no identity discovery.`)));
  const derive = (fixed: { baseUrl: string; headers: Record<string, string> }) => assemble(built.withIdentity(fixed), fixed.baseUrl);
  const declared = definition.auth.discover?.delegates;
  const delegates = declared
    ? feature(definition.features, "delegates", source)({ declaration: declared, identity, derive, source, paginate: (path, init) => client.paginate(path as never, init as never) })
    : undefined;
  const noDelegates = () => new ConfigurationError(`${source}: this spec declares no delegates (discover.delegates).`);
  return extend(client, {
    identity,
    derive,
    delegates: (options) => delegates?.list(options) ?? { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(noDelegates()) }) },
    delegateClient(item) {
      if (!delegates) throw noDelegates();
      return delegates.clientFor(item);
    },
  });
}

/**
 * A user's openapi-fetch middleware sees what a plain openapi-fetch client would give it: real
 * `Request`s, as long as any middleware is registered.
 */
function keepRealRequestsForMiddleware<Paths extends {}>(client: Client<Paths>): () => boolean {
  let registered = 0;
  const use = client.use.bind(client);
  const eject = client.eject.bind(client);
  client.use = (...middleware) => {
    registered += middleware.length;
    use(...middleware);
  };
  client.eject = (...middleware) => {
    registered = Math.max(0, registered - middleware.length);
    eject(...middleware);
  };
  return () => registered > 0;
}

/**
 * The user's `onEvent` and, when `SECFETCH_DEBUG` is set, the debug log: neither ever sees a
 * secret, even in the message of a foreign error. `listening` is false when there is neither,
 * so that events made per request or per page are not made at all.
 */
function redactingSink(listener: EventListener | undefined, redactor: Redactor, source: string): { onEvent: EventListener; listening: boolean } {
  const debugLog = debugListener(source);
  const sink = createEventSink(listener);
  const debug = createEventSink(debugLog);
  const onEvent = (event: SecfetchEvent) => {
    const shown = "error" in event ? { ...event, error: { ...event.error, message: redactor.redact(event.error.message) } } : event;
    sink(shown);
    debug(shown);
  };
  return { onEvent, listening: listener !== undefined || debugLog !== undefined };
}
