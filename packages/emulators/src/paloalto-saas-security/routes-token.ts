import { sameSecret } from "../shared/secrets.js";
import { parseAuthorization } from "../shared/authorization.js";
import { HttpError, mediaTypeOf, parseFormBody, sendJson } from "../shared/http-helpers.js";
import type { Environment, PaloAltoRoute, RequestContext } from "./context.js";
import type { ResolvedOptions } from "./options.js";

const FORM = "application/x-www-form-urlencoded";
const BASIC_CHALLENGE = { "WWW-Authenticate": 'Basic realm="oauth"' };

/** `POST /oauth/token`: the client-credentials grant with HTTP Basic client authentication. */
export const tokenRoutes: readonly PaloAltoRoute[] = [
  { method: "POST", path: "/oauth/token", scope: null, checks: "own", handle: requestToken },
];

function requestToken(ctx: RequestContext, env: Environment): void {
  const client = authenticateClient(ctx, env.options);
  const params = tokenParams(ctx);
  if (params.has("client_secret")) {
    throw invalidRequest("Use one client authentication method: HTTP Basic only, no client_secret parameter");
  }
  const bodyClientId = params.get("client_id");
  if (bodyClientId !== undefined && bodyClientId !== client.clientId) {
    throw invalidRequest("client_id parameter does not match the authenticated client");
  }
  const grant = params.get("grant_type");
  if (grant === undefined || grant === "") throw invalidRequest("Missing grant_type");
  if (grant !== "client_credentials") {
    throw new HttpError(400, "unsupported_grant_type", "Unsupported grant type: only client_credentials is supported");
  }
  const scope = params.get("scope");
  if (scope === undefined || scope === "") {
    throw invalidRequest("Missing scope: request one or more of api_access, incident_api, remediation_api");
  }
  const requested = scope.split(" ");
  if (requested.some((s) => s === "")) {
    throw new HttpError(400, "invalid_scope", "Malformed scope: separate scopes with single spaces");
  }
  for (const name of requested) {
    if (!(client.scopes as readonly string[]).includes(name)) {
      throw new HttpError(400, "invalid_scope", `Invalid scope: ${name.slice(0, 64)}`);
    }
  }
  const granted = [...new Set(requested)];
  const issued = env.tokens.issue(client.clientId, granted, client.tenant);
  const body: Record<string, unknown> = { access_token: issued.token, token_type: "bearer" };
  if (env.tokens.ttlSeconds !== null) body["expires_in"] = env.tokens.ttlSeconds;
  Object.assign(body, { scope: granted.join(" "), tenant: issued.tenant, jti: issued.jti });
  sendJson(ctx.res, 200, body, { "Cache-Control": "no-store", Pragma: "no-cache" });
}

/**
 * Checks the HTTP Basic client credentials; anything else → 401 `unauthorized` with the
 * `resolution` the service's documented refusals carry.
 */
function authenticateClient(ctx: RequestContext, options: ResolvedOptions): ResolvedOptions["clients"][number] {
  const auth = parseAuthorization(ctx.req);
  const unauthorized = (description: string) => new HttpError(401, "unauthorized", description, BASIC_CHALLENGE);
  if (auth.scheme === "none") {
    const inBody = /(^|&)client_(id|secret)=/.test(ctx.body.toString("latin1")) || ctx.url.searchParams.has("client_secret");
    throw unauthorized(
      inBody
        ? "Client credentials must be sent in an HTTP Basic Authorization header, not as parameters"
        : "Client authentication required: send Authorization: Basic base64(client_id:client_secret)",
    );
  }
  if (auth.scheme === "invalid") throw unauthorized(`${auth.reason}; expected "Basic base64(client_id:client_secret)"`);
  if (auth.scheme !== "basic") throw unauthorized("The token endpoint needs HTTP Basic client authentication");
  const client = options.clients.find((c) => c.clientId === auth.id);
  // Compared even for an unknown client, so timing does not tell which client ids exist.
  if (!sameSecret(auth.secret, client?.clientSecret ?? "\u0000no such client") || !client) throw unauthorized("Invalid credentials");
  return client;
}

/**
 * The token parameters from the form body and the query string (the service accepts both).
 * A non-form body, a malformed form, a repeated parameter or one given in both places → 400.
 */
function tokenParams(ctx: RequestContext): Map<string, string> {
  const type = mediaTypeOf(ctx.req);
  if (ctx.req.headers["content-type"] !== undefined && type?.essence !== FORM) {
    throw invalidRequest(`Content-Type must be ${FORM}`);
  }
  let form = new URLSearchParams();
  if (ctx.body.length > 0) {
    if (!type) throw invalidRequest(`Content-Type must be ${FORM}`);
    try {
      form = parseFormBody(ctx.req, ctx.body);
    } catch (error) {
      throw error instanceof HttpError ? invalidRequest(error.description) : error;
    }
  }
  const params = new Map<string, string>();
  for (const source of [form, ctx.url.searchParams]) {
    for (const [name, value] of source) {
      if (params.has(name)) throw invalidRequest(`Parameter "${name.slice(0, 64)}" is given more than once`);
      params.set(name, value);
    }
  }
  return params;
}

function invalidRequest(description: string): HttpError {
  return new HttpError(400, "invalid_request", description);
}
