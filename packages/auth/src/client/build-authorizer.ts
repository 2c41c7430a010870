import { fillTemplate } from "../declaration/template.js";
import type { AuthDeclaration, ModeDeclaration } from "../declaration/types.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { Redactor } from "../errors/redact.js";
import type { EventListener } from "../events.js";
import { createOAuthTokenRequest } from "../flows/oauth-token-request.js";
import { createStaticAuthorizer } from "../flows/static-authorizer.js";
import { createTokenAuthorizer } from "../flows/token-authorizer.js";
import type { TokenStore } from "../store/token-store.js";
import { createTokenManager } from "../token/token-manager.js";
import type { TokenSource } from "../token/token-source.js";
import type { RequestAuthorizer } from "../transport/auth-policy.js";
import { isSecureForCredentials } from "../util/loopback.js";
import { digest } from "../util/digest.js";

export interface BuildAuthorizerOptions {
  auth: AuthDeclaration;
  mode: ModeDeclaration;
  values: Readonly<Record<string, unknown>>;
  /** Sends sign-in requests: retry and timeout, no auth. */
  send: (request: Request) => Promise<Response>;
  store: TokenStore | undefined;
  onEvent: EventListener;
  redactor: Redactor;
  source: string;
}

/** Turns the chosen mode of a declaration into a token source and a request authorizer. */
export function buildAuthorizer(options: BuildAuthorizerOptions): { tokens: TokenSource; authorizer: RequestAuthorizer } {
  const { mode, values, source } = options;
  for (const step of ["discover", "session"] as const) {
    if (options.auth[step]) {
      throw new ConfigurationError(`${source}: this version of @secfetch/auth cannot run the declared \`${step}\` step.`, {
        option: step,
        hint: "Upgrade @secfetch/auth to the version this package was generated for.",
      });
    }
  }
  if (mode.static) return staticAuth(mode, values, source);
  if (!mode.token) throw new ConfigurationError(`${source}: sign-in mode \`${mode.name}\` declares neither \`token\` nor \`static\`.`);
  if (mode.challenge) {
    throw new ConfigurationError(`${source}: this version of @secfetch/auth cannot answer the declared sign-in challenge.`, {
      option: "challenge",
      hint: "Upgrade @secfetch/auth to the version this package was generated for.",
    });
  }

  const token = mode.token;
  const url = fillTemplate(token.url, values);
  if (url === undefined || !isSecureForCredentials(new URL(url))) {
    throw new ConfigurationError(`${source}: the token endpoint ${url === undefined ? "has no URL" : "is not https"}.`, {
      option: "baseUrl",
      hint: "Use an https:// host (plain http is allowed only for loopback hosts such as the emulators).",
    });
  }
  const params: Record<string, string> = {};
  for (const [name, template] of Object.entries(token.params ?? {})) {
    const value = fillTemplate(template, values);
    if (value !== undefined) params[name] = value;
  }
  const clientId = fillTemplate(token.clientId ?? "{clientId}", values) ?? "";
  const clientSecret = fillTemplate(token.clientSecret ?? "{clientSecret}", values);
  const requestToken = createOAuthTokenRequest({
    url,
    grant: token.grant,
    clientAuth: token.clientAuth,
    encoding: token.encoding,
    clientId,
    clientSecret,
    params,
    expiresIn: token.expiresIn,
    error: token.error,
    send: options.send,
    redactor: options.redactor,
    source,
  });
  const tokens = createTokenManager({
    // Everything that scopes the token, secret included, digested: equal credentials share a
    // cache entry, different ones never do, and no secret is readable from the key.
    key: () => digest(JSON.stringify([source, mode.name, url, token.grant, clientId, clientSecret ?? null, params])),
    acquire: () => requestToken(),
    store: options.store,
    onEvent: options.onEvent,
    onRecord: (record) => options.redactor.add(record.accessToken, record.refreshToken),
  });
  const authorizer = createTokenAuthorizer({ tokens, values, ...(options.auth.apply ? { headers: options.auth.apply.headers } : {}) });
  return { tokens, authorizer };
}

function staticAuth(mode: ModeDeclaration, values: Readonly<Record<string, unknown>>, source: string) {
  const declared = mode.static!;
  const fill = (template: string | undefined, what: string) => {
    const value = template === undefined ? undefined : fillTemplate(template, values);
    if (value === undefined) throw new ConfigurationError(`${source}: the static credential has no ${what}.`, { option: what });
    return value;
  };
  let headers: Record<string, string>;
  let token: string;
  if (declared.scheme === "bearer") {
    token = fill(declared.token, "token");
    headers = { Authorization: `Bearer ${token}` };
  } else if (declared.scheme === "basic") {
    const user = fill(declared.username, "username");
    const password = fill(declared.password, "password");
    const bytes = new TextEncoder().encode(`${user}:${password}`);
    token = btoa(String.fromCharCode(...bytes));
    headers = { Authorization: `Basic ${token}` };
  } else {
    token = fill(declared.value, "value");
    headers = { [fill(declared.header, "header")]: token };
  }
  const tokens: TokenSource = { getToken: async () => token, invalidate: async () => {} };
  return { tokens, authorizer: createStaticAuthorizer(headers) };
}

