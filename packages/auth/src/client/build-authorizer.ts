import { fillTemplate, templateHoles } from "../declaration/template.js";
import type { AuthDeclaration, ExchangeDeclaration, ModeDeclaration, TokenRequestDeclaration } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { Redactor } from "../errors/redact.js";
import type { EventListener } from "../events.js";
import type { ChallengeCallback } from "../flows/challenge-step.js";
import type { Identity } from "../flows/discovery-step.js";
import { createTokenAuthorizer, DEFAULT_APPLY_HEADERS, untrustedHost } from "../flows/token-authorizer.js";
import { guardStore } from "../store/guarded-store.js";
import type { TokenStore } from "../store/token-store.js";
import { createTokenManager, type TokenManager } from "../token/token-manager.js";
import type { TokenSource } from "../token/token-source.js";
import type { RequestAuthorizer } from "../transport/auth-policy.js";
import { deriveCacheKey } from "../util/digest.js";
import { isForbiddenRequestHeader } from "#forbidden-headers";
import { isHeaderSafe } from "../util/header-value.js";
import { createHostTrust } from "../util/host-trust.js";
import { isSecureForCredentials, PLAIN_HTTP_HINT } from "../util/loopback.js";
import { createSingleFlight } from "../util/single-flight.js";
import { feature, type EngineFeatures } from "./engine-features.js";

export interface BuildAuthorizerOptions {
  /** The flows the declaration uses (see `EngineFeatures`). */
  features: EngineFeatures | undefined;
  auth: AuthDeclaration;
  mode: ModeDeclaration;
  values: Readonly<Record<string, unknown>>;
  /** The configured host root. */
  baseUrl: URL;
  /** Sends sign-in requests: retry and timeout, no auth. */
  send: (request: Request) => Promise<Response>;
  store: TokenStore | undefined;
  onEvent: EventListener;
  redactor: Redactor;
  source: string;
  onChallenge?: ChallengeCallback | undefined;
  pushPollIntervalMs?: number | undefined;
  pushDeadlineMs?: number | undefined;
  isTrustedApiHost?: ((url: URL) => boolean) | undefined;
  /** Hosts the user allowed plain http for. */
  plainHttpHosts?: ReadonlySet<string>;
}

export interface BuiltAuth {
  tokens: TokenSource;
  authorizer: RequestAuthorizer;
  /** The discovered identity, when the spec declares discovery. */
  identity: (() => Promise<Identity>) | undefined;
  /** An authorizer for calls made as another identity (a partner's tenant), sharing the token. */
  withIdentity: (identity: { baseUrl: string; headers: Record<string, string> }) => RequestAuthorizer;
  /** Headers that carry credentials: dropped on a redirect to another origin. */
  credentialHeaders: string[];
}

const REPEATABLE_GRANTS = new Set(["client_credentials", "password"]);

/** Turns the chosen mode of a declaration into a token source and a request authorizer. */
export function buildAuthorizer(given: BuildAuthorizerOptions): BuiltAuth {
  // A shared store's outage must not fail calls: every use of it goes through one guard per client.
  const options = { ...given, store: guardStore(given.store, given.onEvent, given.redactor) };
  const { auth, mode, source, store } = options;
  if (mode.static) return staticAuth(options);
  if (!mode.token && !mode.exchange) throw new ConfigurationError(`${source}: sign-in mode \`${mode.name}\` declares none of \`token\`, \`exchange\`, \`static\`.`);

  requireSendableHeaders(auth, source);
  const tokens = mode.exchange ? createExchangedTokens(options, mode.exchange) : createTokens(options, mode.token!);
  const applyHeaders = auth.apply?.headers ?? DEFAULT_APPLY_HEADERS;
  const trust = createHostTrust(auth.discover?.trustHosts ?? [], options.baseUrl, options.isTrustedApiHost);

  const discovery = auth.discover
    ? (() => {
        const discover = feature(options.features, "discovery", source)({ declaration: auth.discover, values: options.values, applyHeaders, send: options.send, trust, redactor: options.redactor, source });
        return createSingleFlight(async () => discover(await tokens.getToken()));
      })()
    : undefined;

  const session = auth.session
    ? (() => {
        const handshake = feature(options.features, "session", source)({ declaration: auth.session, values: options.values, send: options.send, redactor: options.redactor, source });
        const make = async () => {
          const record = await tokens.getRecord();
          try {
            return await handshake(record.accessToken);
          } catch (error) {
            // The server turned the token down: it may have been revoked early. One fresh token, one more try.
            if (!(error instanceof AuthenticationError) || error.status !== 401) throw error;
            await tokens.invalidate(record.accessToken);
            return handshake(await tokens.getToken());
          }
        };
        // On a store shared between processes, they share one session too.
        if (!store?.lock) return createSingleFlight(make);
        return feature(options.features, "sharedSession", source)({
          store: { ...store, lock: store.lock },
          key: async () => `${await tokens.cacheKey()}:session`,
          make,
          onValues: (values) => options.redactor.add(...Object.values(values)),
        });
      })()
    : undefined;

  const sessionApply = auth.session
    ? (auth.session.applyBy?.variants[String(options.values[auth.session.applyBy.option])] ?? auth.session.apply)
    : undefined;
  const common = {
    tokens,
    values: options.values,
    headers: applyHeaders,
    ...(session && sessionApply ? { session: { values: session, apply: sessionApply } } : {}),
    ...(auth.discover ? { trust: { check: trust, configuredOrigin: options.baseUrl.origin } } : {}),
    source,
  };

  const credentialHeaders = [...new Set(["authorization", "cookie", ...Object.keys(applyHeaders), ...Object.keys(sessionApply?.headers ?? {})].map((name) => name.toLowerCase()))];
  return {
    tokens,
    authorizer: createTokenAuthorizer({ ...common, ...(discovery ? { identity: { discovered: discovery } } : {}) }),
    identity: discovery ? () => discovery.get() : undefined,
    withIdentity: (identity) => {
      const url = new URL(identity.baseUrl);
      if (!isSecureForCredentials(url, options.plainHttpHosts) || (auth.discover && url.origin !== options.baseUrl.origin && !trust(url))) throw untrustedHost(source, url);
      return createTokenAuthorizer({ ...common, identity: { fixed: identity } });
    },
    credentialHeaders,
  };
}

function createTokens(options: BuildAuthorizerOptions, token: TokenRequestDeclaration): TokenManager {
  const { values, source, mode } = options;
  const url = fillTemplate(token.url, values);
  requireSecureEndpoint(source, url, options.plainHttpHosts);
  const params: Record<string, string> = {};
  for (const [name, template] of Object.entries(token.params ?? {})) {
    const value = fillTemplate(template, values);
    if (value !== undefined) params[name] = value;
  }
  const clientId = fillTemplate(token.clientId ?? "{clientId}", values) ?? "";
  const clientSecret = fillTemplate(token.clientSecret ?? "{clientSecret}", values);
  const common = {
    url,
    clientAuth: token.clientAuth,
    encoding: token.encoding,
    clientId,
    clientSecret,
    expiresIn: token.expiresIn,
    error: token.error,
    send: options.send,
    redactor: options.redactor,
    source,
  };
  const challenge = mode.challenge
    ? {
        status: mode.challenge.status,
        answer: feature(options.features, "challenge", source)({
          declaration: mode.challenge,
          values,
          onChallenge: options.onChallenge,
          pushPollIntervalMs: options.pushPollIntervalMs,
          pushDeadlineMs: options.pushDeadlineMs,
          send: options.send,
          redactor: options.redactor,
          source,
        }),
      }
    : undefined;
  const oauthToken = feature(options.features, "oauthToken", source);
  const primary = oauthToken({ ...common, grant: token.grant, params, challenge });
  const refreshes = token.refreshToken === "rotate" || token.refreshToken === "keep";
  const refresh = oauthToken({ ...common, grant: "refresh_token" });

  return createTokenManager({
    // Everything that scopes the token, secret included, digested as the store asks: equal
    // credentials share a cache entry, different ones never do, and a key that leaves the
    // process gives no secret away.
    key: () => deriveCacheKey(options.store, JSON.stringify([source, mode.name, url, token.grant, clientId, clientSecret ?? null, params]), `${source} ${url} ${clientId}`),
    acquire: async ({ current, signal }) => {
      if (refreshes && current?.refreshToken) {
        try {
          const record = await refresh({ refresh_token: current.refreshToken }, signal);
          // A server that does not rotate sends no new refresh token: the old one stays good.
          return record.refreshToken ? record : { ...record, refreshToken: current.refreshToken };
        } catch (error) {
          const refused = error instanceof AuthenticationError && error.status !== undefined && error.status < 500;
          if (!refused || !REPEATABLE_GRANTS.has(token.grant)) throw error;
        }
      }
      return primary({}, signal);
    },
    store: options.store,
    onEvent: options.onEvent,
    onRecord: (record) => options.redactor.add(record.accessToken, record.refreshToken),
  });
}

/** Tokens from a vendor's own exchange (an API key for a bearer), cached and renewed like OAuth ones. */
function createExchangedTokens(options: BuildAuthorizerOptions, exchange: ExchangeDeclaration): TokenManager {
  const { values, source, mode } = options;
  const url = fillTemplate(exchange.request.url, values);
  requireSecureEndpoint(source, url, options.plainHttpHosts);
  const request = feature(options.features, "exchange", source)({ declaration: exchange, values, send: options.send, redactor: options.redactor, source });
  // The filled headers and body hold the credential: they key the cache, digested like a secret.
  const headers = Object.entries(exchange.request.headers ?? {}).map(([name, template]) => {
    const value = fillTemplate(template, values);
    if (value !== undefined) requireHeaderSafe(source, value, template);
    return [name, value ?? null];
  });
  return createTokenManager({
    key: () => deriveCacheKey(options.store, JSON.stringify([source, mode.name, url, headers, exchange.request.json ?? null]), `${source} ${url}`),
    acquire: ({ signal }) => request(signal),
    store: options.store,
    onEvent: options.onEvent,
    onRecord: (record) => options.redactor.add(record.accessToken),
  });
}

/**
 * A browser silently drops headers a script may not set (`Cookie` above all), so a sign-in that
 * needs one would fail later with a puzzling refusal: say so when the client is made.
 */
function requireSendableHeaders(auth: AuthDeclaration, source: string): void {
  const session = auth.session;
  const declared = [
    ...Object.keys(auth.apply?.headers ?? {}),
    ...(session?.steps.flatMap((step) => Object.keys(step.request.headers ?? {})) ?? []),
    ...Object.keys(session?.apply.headers ?? {}),
    ...Object.values(session?.applyBy?.variants ?? {}).flatMap((variant) => Object.keys(variant.headers)),
  ];
  const forbidden = [...new Set(declared.filter(isForbiddenRequestHeader))];
  if (forbidden.length === 0) return;
  throw new ConfigurationError(`${source}: this API's sign-in sends ${forbidden.join(", ")}, which a browser does not let a script set.`, {
    hint: "Call this API from a server-side runtime (Node, Bun, Deno, or a Cloudflare Worker), for example behind your own backend endpoint.",
  });
}

/** A credential that cannot go in a header is refused here, naming the option, never showing it. */
function requireHeaderSafe(source: string, value: string, template: string): void {
  if (isHeaderSafe(value)) return;
  const option = templateHoles(template)[0] ?? "credentials";
  throw new ConfigurationError(`${source}: \`${option}\` has a character an HTTP header cannot carry (a line break, NUL, or one beyond Latin-1).`, {
    option,
    hint: "Check for a trailing newline from a file or an environment variable, and trim it.",
  });
}

function requireSecureEndpoint(source: string, url: string | undefined, plainHttpHosts: ReadonlySet<string> | undefined): asserts url is string {
  if (url === undefined || !isSecureForCredentials(new URL(url), plainHttpHosts)) {
    throw new ConfigurationError(`${source}: the token endpoint ${url === undefined ? "has no URL" : `${new URL(url).host} is not https`}.`, {
      option: "baseUrl",
      hint: PLAIN_HTTP_HINT,
    });
  }
}

function staticAuth(options: BuildAuthorizerOptions): BuiltAuth {
  const { mode, values, source } = options;
  const declared = mode.static!;
  const fill = (template: string | undefined, what: string) => {
    const value = template === undefined ? undefined : fillTemplate(template, values);
    if (value === undefined) throw new ConfigurationError(`${source}: the static credential has no ${what}.`, { option: what });
    // Basic credentials are base64-encoded; a bearer token or header value goes in as it is.
    if (declared.scheme !== "basic") requireHeaderSafe(source, value, template!);
    return value;
  };
  let name = "Authorization";
  let value: string;
  if (declared.scheme === "bearer") {
    value = `Bearer ${fill(declared.token, "token")}`;
  } else if (declared.scheme === "basic") {
    const bytes = new TextEncoder().encode(`${fill(declared.username, "username")}:${fill(declared.password, "password")}`);
    value = `Basic ${btoa(String.fromCharCode(...bytes))}`;
  } else {
    name = fill(declared.header, "header");
    value = fill(declared.value, "value");
  }
  options.redactor.pin(value, value.replace(/^(Bearer|Basic) /, ""));
  const credential = value.replace(/^(Bearer|Basic) /, "");
  const tokens: TokenSource = { getToken: async () => credential, invalidate: async () => {} };
  const authorizer = feature(options.features, "staticCredential", options.source)({ [name]: value });
  return { tokens, authorizer, identity: undefined, withIdentity: () => authorizer, credentialHeaders: ["authorization", name.toLowerCase()] };
}
