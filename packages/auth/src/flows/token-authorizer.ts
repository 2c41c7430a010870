import { fillTemplate } from "../declaration/template.js";
import type { SessionApplyDeclaration, Template } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import type { TokenManager } from "../token/token-manager.js";
import type { TokenRecord } from "../token/token-record.js";
import type { RequestAuthorizer } from "../transport/auth-policy.js";
import type { PipelineRequest } from "../transport/pipeline.js";
import type { HostTrust } from "../util/host-trust.js";
import type { SingleFlight } from "../util/single-flight.js";
import type { Identity } from "./discovery-step.js";
import type { SessionValues } from "./session-handshake.js";

export const DEFAULT_APPLY_HEADERS: Readonly<Record<string, Template>> = { Authorization: "Bearer {accessToken}" };

export interface TokenAuthorizerOptions {
  tokens: TokenManager;
  /** Option values the header templates may use besides `{accessToken}` and `{tokenType}`. */
  values?: Readonly<Record<string, unknown>>;
  /** Headers that carry the token. Default `Authorization: Bearer {accessToken}`. */
  headers?: Readonly<Record<string, Template>>;
  /** Who to call as: an identity discovered after sign-in, or a fixed one (a partner's tenant). */
  identity?: { discovered: SingleFlight<Identity> } | { fixed: { baseUrl: string; headers: Readonly<Record<string, string>> } };
  /** A server session carried instead of the token headers. */
  session?: { values: SingleFlight<SessionValues>; apply: SessionApplyDeclaration };
  /** For specs with discovery: a host other than the configured one must pass `check` before it gets credentials. */
  trust?: { check: HostTrust; configuredOrigin: string };
  source?: string;
}

/**
 * Puts a managed token on each request — as header templates, or as the server session made
 * from it — with the identity headers and host of a discovered (or fixed) identity. On a
 * refusal it drops exactly the credential that was sent (the session, else the token), so a
 * burst of refusals leads to a single new sign-in.
 */
export function createTokenAuthorizer(options: TokenAuthorizerOptions): RequestAuthorizer {
  const { tokens, identity, session, trust, source = "@secfetch/auth" } = options;
  const headers = options.headers ?? DEFAULT_APPLY_HEADERS;
  const fixedOrigin = identity && "fixed" in identity ? new URL(identity.fixed.baseUrl).origin : undefined;
  const sessionCarriesToken = session !== undefined && /\{(accessToken|tokenType)\}/.test(JSON.stringify(session.apply));

  // The token headers filled for the last record, and what a refusal of them drops: a cached
  // token's calls fill no template and make no object.
  let last: { record: TokenRecord; headers: Array<[string, string]>; signed: { used: { token: string; session: undefined } } } | undefined;

  /** Puts the token's headers and the identity's on the call; returns what was used. */
  function signWithToken(request: PipelineRequest, record: TokenRecord, identityHeaders: Readonly<Record<string, string>>) {
    if (last?.record !== record) {
      const values = { ...options.values, accessToken: record.accessToken, tokenType: record.tokenType };
      const filled: Array<[string, string]> = [];
      for (const [name, template] of Object.entries(headers)) {
        const value = fillTemplate(template, values);
        if (value !== undefined) filled.push([name, value]);
      }
      last = { record, headers: filled, signed: { used: { token: record.accessToken, session: undefined } } };
    }
    for (const [name, value] of last.headers) request.headers.set(name, value);
    setIdentityHeaders(request, identityHeaders);
    return last.signed;
  }

  /** Moves the call to the identity's host and returns its headers; `undefined` when the host may not get credentials. */
  function placeIdentity(request: PipelineRequest, discovered: Identity | undefined): Readonly<Record<string, string>> | undefined {
    let identityHeaders: Readonly<Record<string, string>> = {};
    if (identity && "fixed" in identity) {
      identityHeaders = identity.fixed.headers;
    } else if (discovered) {
      identityHeaders = discovered.headers;
      if (discovered.baseUrl && trust && request.url.origin === trust.configuredOrigin) {
        request.url = new URL(`${request.url.pathname}${request.url.search}`, discovered.baseUrl);
      }
    }
    if (trust && request.url.origin !== trust.configuredOrigin && request.url.origin !== fixedOrigin && !trust.check(request.url)) return undefined;
    return identityHeaders;
  }

  function setIdentityHeaders(request: PipelineRequest, identityHeaders: Readonly<Record<string, string>>): void {
    for (const name in identityHeaders) if (!request.headers.has(name)) request.headers.set(name, identityHeaders[name] as string);
  }

  return {
    authorizeNow(request: PipelineRequest) {
      if (session) return undefined;
      const record = tokens.peek();
      if (!record) return undefined;
      const discovered = identity && "discovered" in identity ? identity.discovered.peek() : undefined;
      if (identity && "discovered" in identity && !discovered) return undefined;
      const identityHeaders = placeIdentity(request, discovered);
      if (!identityHeaders) return undefined;
      return signWithToken(request, record, identityHeaders);
    },
    async authorize(request: PipelineRequest) {
      const signal = request.signal ? { signal: request.signal } : {};
      // A call that carries a live session does not wait on the token the session was made
      // from: the token is kept fresh in the background for the next handshake, and a failed
      // renewal does not fail calls the session still serves.
      const live = sessionCarriesToken ? undefined : session?.values.peek();
      if (live) tokens.warm();
      const record = live ? undefined : await tokens.getRecord(signal);
      const discovered = identity && "discovered" in identity ? await identity.discovered.get() : undefined;
      const identityHeaders = placeIdentity(request, discovered);
      if (!identityHeaders) throw untrustedHost(source, request.url);
      const sessionValues = session ? await session.values.get() : undefined;
      if (!sessionValues && record) return signWithToken(request, record, identityHeaders).used;
      // From here on the call carries the server session made from the token.
      const apply: Partial<SessionApplyDeclaration> = session?.apply ?? {};
      const values = { ...options.values, ...sessionValues, ...(record ? { accessToken: record.accessToken, tokenType: record.tokenType } : {}) };
      for (const [name, template] of Object.entries(apply.headers ?? {})) {
        const value = fillTemplate(template, values);
        if (value !== undefined) request.headers.set(name, value);
      }
      setIdentityHeaders(request, identityHeaders);
      for (const [name, template] of Object.entries(apply.query ?? {})) {
        const value = fillTemplate(template, values);
        if (value !== undefined) request.url.searchParams.set(name, value);
      }
      return { token: record?.accessToken, session: sessionValues };
    },
    async renew(used) {
      const { token, session: usedSession } = (used ?? {}) as { token?: string; session?: SessionValues };
      if (session && usedSession) session.values.drop(usedSession);
      else await tokens.invalidate(token);
      return true;
    },
  };
}

/** The one refusal for a host that may not receive credentials. */
export function untrustedHost(source: string, url: URL): AuthenticationError {
  return new AuthenticationError(`${source}: refusing to send credentials to ${url.host}, which is not a trusted host.`, {
    code: "untrusted_api_host",
    hint: "If this host is genuinely the vendor's, pass `isTrustedApiHost` to allow it.",
  });
}
