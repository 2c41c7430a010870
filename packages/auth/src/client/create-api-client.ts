import createClient, { type Client, type MaybeOptionalInit } from "openapi-fetch";
import type { ClientDefinition } from "../declaration/types.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { createRedactor, type Redactor } from "../errors/redact.js";
import { createEventSink, type EventListener, type SecfetchEvent } from "../events.js";
import type { Identity } from "../flows/discovery-step.js";
import { createPager } from "../paginate/create-pager.js";
import { iteratePageResults, iteratePages, type PageResult } from "../paginate/iterate-pages.js";
import type { TokenSource } from "../token/token-source.js";
import { authPolicy, type RequestAuthorizer } from "../transport/auth-policy.js";
import { createCaFetch } from "../transport/ca-fetch.js";
import { createFetchSender } from "../transport/fetch-sender.js";
import { composePolicies, toFetch, type TransportPolicy } from "../transport/pipeline.js";
import { rateLimitPolicy } from "../transport/rate-limit-policy.js";
import { redirectPolicy } from "../transport/redirect-policy.js";
import { retryPolicy } from "../transport/retry-policy.js";
import { timeoutPolicy } from "../transport/timeout-policy.js";
import { buildAuthorizer } from "./build-authorizer.js";
import type { CommonClientOptions } from "./client-options.js";
import { resolveOptions } from "./resolve-options.js";
import { retrySafeMatcher } from "./retry-safe-matcher.js";

type InitArgs<Init> = {} extends NonNullable<Init> ? [init?: Init] : [init: Init];

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

/** An openapi-fetch client typed by a vendor's spec, with paging and its token source. */
export type SecfetchClient<Paths extends {}, PageItems> = Client<Paths, `${string}/${string}`> & {
  paginate: Paginate<Paths, PageItems>;
  /** Pages with checkpoints, for collectors that stop and resume (save `checkpoint`, pass it back as query). */
  pages: Pages<Paths, PageItems>;
  /** The client's token source: `getToken()` and `invalidate()`. */
  auth: TokenSource;
};

interface ClientContext {
  identity: (() => Promise<Identity>) | undefined;
  derive: (identity: { baseUrl: string; headers: Record<string, string> }) => SecfetchClient<{}, unknown>;
}

// What vendor extras (a partner's per-tenant clients) need of a client, kept off its public surface.
const contexts = new WeakMap<object, ClientContext>();

/**
 * Builds a vendor client from its generated definition. The transport is, outermost first:
 * retry → sign (and replay once on a refusal) → rate limit → redirect → per-attempt timeout →
 * fetch. Sign-in requests take the same path without the signing step.
 */
export function createApiClient<Paths extends {}, Pages>(definition: ClientDefinition, options: CommonClientOptions): SecfetchClient<Paths, Pages> {
  const resolved = resolveOptions(definition, options);
  const source = definition.packageName;
  const redactor = createRedactor(resolved.secrets);
  const onEvent = redactingSink(options.onEvent, redactor);

  const userFetch = options.fetch;
  const baseFetch: typeof fetch = resolved.ca ? createCaFetch(resolved.ca, userFetch) : (userFetch ?? ((input, init) => globalThis.fetch(input, init)));
  const sender = createFetchSender({ fetch: baseFetch, redactor, source });
  const retry = retryPolicy({ ...(resolved.maxRetries === undefined ? {} : { maxRetries: resolved.maxRetries }), onEvent });
  const timeout = timeoutPolicy({ ...(resolved.timeoutMs === undefined ? {} : { timeoutMs: resolved.timeoutMs }), source, redactor });
  const limit: TransportPolicy[] = resolved.rateLimit ? [rateLimitPolicy(resolved.rateLimit)] : [];

  const retrySafe = retrySafeMatcher(definition.retrySafe);
  // Sign-in requests carry credentials in their own way and are never redirected off their host.
  // They follow the same retry rule as API calls: a token POST is repeated after a 5xx or a lost
  // connection only when the spec marks it safe (a single-use code or a rotating refresh token
  // must not be spent twice).
  const signIn = toFetch(composePolicies([retry, ...limit, redirectPolicy({ credentialHeaders: ["authorization", "cookie"], maxRedirects: 0 }), timeout], sender), retrySafe);
  const built = buildAuthorizer({
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
  const skipReauth = retrySafeMatcher(definition.noReauth ?? []);

  function assemble(authorizer: RequestAuthorizer, baseUrl: string): SecfetchClient<Paths, Pages> {
    const api = composePolicies(
      [retry, authPolicy({ authorizer, reauthOn: definition.auth.reauthOn ?? [401], skipReauth, onEvent, redactor, source, plainHttpHosts: resolved.plainHttpHosts }), ...limit, redirect, timeout],
      sender,
    );
    const client = createClient<Paths>({ baseUrl, fetch: toFetch(api, retrySafe) });
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
      return { get, pager: createPager(declaration), path, ...(init ? { init } : {}), source, redactor };
    };
    const paginate = (path: string, init?: Record<string, unknown>) => iteratePages(walk(path, init));
    const pages = (path: string, init?: Record<string, unknown>) => iteratePageResults(walk(path, init));
    const full = Object.assign(client, {
      paginate: paginate as unknown as Paginate<Paths, Pages>,
      pages: pages as unknown as SecfetchClient<Paths, Pages>["pages"],
      auth: built.tokens,
    });
    contexts.set(full, {
      identity: built.identity,
      derive: (identity) => assemble(built.withIdentity(identity), identity.baseUrl) as SecfetchClient<{}, unknown>,
    });
    return full;
  }

  return assemble(built.authorizer, resolved.baseUrl);
}

/** The identity a client discovered after sign-in (for specs that declare discovery). A derived client reports its parent's. */
export async function discoverIdentity(client: object): Promise<Identity> {
  const identity = contexts.get(client)?.identity;
  if (!identity) throw new ConfigurationError("This client's spec declares no identity discovery.");
  return identity();
}

/**
 * A client of the same API that calls `baseUrl` with fixed identity headers and shares the
 * original's token: a partner's client for one of its tenants. The host must pass the spec's
 * trust rule before it gets a token.
 */
export function deriveClient<Paths extends {}, PageItems>(
  client: SecfetchClient<Paths, PageItems>,
  identity: { baseUrl: string; headers: Record<string, string> },
): SecfetchClient<Paths, PageItems> {
  const context = contexts.get(client);
  if (!context) throw new ConfigurationError("deriveClient needs a client made by a secfetch factory.");
  return context.derive(identity) as unknown as SecfetchClient<Paths, PageItems>;
}

/** A listener that never sees a secret, even in the message of a foreign error. */
function redactingSink(listener: EventListener | undefined, redactor: Redactor): EventListener {
  const sink = createEventSink(listener);
  return (event: SecfetchEvent) => {
    if (event.type === "token.failed") sink({ ...event, error: { ...event.error, message: redactor.redact(event.error.message) } });
    else sink(event);
  };
}
