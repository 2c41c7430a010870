import createClient, { type Client, type MaybeOptionalInit } from "openapi-fetch";
import type { ClientDefinition } from "../declaration/types.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { createRedactor, type Redactor } from "../errors/redact.js";
import { createEventSink, type EventListener, type SecfetchEvent } from "../events.js";
import { createPager } from "../paginate/create-pager.js";
import { iteratePages } from "../paginate/iterate-pages.js";
import type { TokenSource } from "../token/token-source.js";
import { authPolicy } from "../transport/auth-policy.js";
import { createCaFetch } from "../transport/ca-fetch.js";
import { createFetchSender } from "../transport/fetch-sender.js";
import { composePolicies, toFetch } from "../transport/pipeline.js";
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

/** An openapi-fetch client typed by a vendor's spec, with paging and its token source. */
export type SecfetchClient<Paths extends {}, Pages> = Client<Paths, `${string}/${string}`> & {
  paginate: Paginate<Paths, Pages>;
  /** The client's token source: `getToken()` and `invalidate()`. */
  auth: TokenSource;
};

/**
 * Builds a vendor client from its generated definition. The transport is, outermost first:
 * retry → sign and replay once on a refusal → per-attempt timeout → fetch. Sign-in requests take
 * the same path without the signing step.
 */
export function createApiClient<Paths extends {}, Pages>(
  definition: ClientDefinition,
  options: CommonClientOptions,
): SecfetchClient<Paths, Pages> {
  const resolved = resolveOptions(definition, options);
  const source = definition.packageName;
  const redactor = createRedactor(resolved.secrets);
  const onEvent = redactingSink(options.onEvent, redactor);

  const userFetch = options.fetch;
  const baseFetch: typeof fetch = resolved.ca
    ? createCaFetch(resolved.ca, userFetch)
    : (userFetch ?? ((input, init) => globalThis.fetch(input, init)));
  const sender = createFetchSender({ fetch: baseFetch, redactor, source });
  const retry = retryPolicy({ ...(resolved.maxRetries === undefined ? {} : { maxRetries: resolved.maxRetries }), onEvent });
  const timeout = timeoutPolicy({ ...(resolved.timeoutMs === undefined ? {} : { timeoutMs: resolved.timeoutMs }), source });

  // Token requests change nothing on the server but the token itself: safe to repeat.
  const signIn = toFetch(composePolicies([retry, timeout], sender), () => true);
  const { tokens, authorizer } = buildAuthorizer({
    auth: definition.auth,
    mode: resolved.mode,
    values: resolved.values,
    send: signIn,
    store: options.tokenStore,
    onEvent,
    redactor,
    source,
  });
  const api = composePolicies(
    [retry, authPolicy({ authorizer, reauthOn: definition.auth.reauthOn ?? [401], onEvent, redactor, source }), timeout],
    sender,
  );
  const client = createClient<Paths>({ baseUrl: resolved.baseUrl, fetch: toFetch(api, retrySafeMatcher(definition.retrySafe)) });

  const paginate = (path: string, init?: Record<string, unknown>) => {
    const declaration = definition.pagination[path];
    if (!declaration) {
      const paged = Object.keys(definition.pagination);
      throw new ConfigurationError(`${source}: \`${path}\` is not a paged operation.`, {
        option: "path",
        hint: paged.length ? `Paged operations: ${paged.join(", ")}.` : "This API has no paged operations.",
      });
    }
    const get = client.GET as unknown as Parameters<typeof iteratePages>[0]["get"];
    return iteratePages({ get, pager: createPager(declaration), path, ...(init ? { init } : {}), source, redactor });
  };
  return Object.assign(client, { paginate: paginate as unknown as Paginate<Paths, Pages>, auth: tokens });
}

/** A listener that never sees a secret, even in the message of a foreign error. */
function redactingSink(listener: EventListener | undefined, redactor: Redactor): EventListener {
  const sink = createEventSink(listener);
  return (event: SecfetchEvent) => {
    if (event.type === "token.failed") sink({ ...event, error: { ...event.error, message: redactor.redact(event.error.message) } });
    else sink(event);
  };
}
