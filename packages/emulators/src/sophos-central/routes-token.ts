import { randomBytes, randomUUID } from "node:crypto";
import { sameSecret } from "../shared/secrets.js";
import { HttpError, mediaTypeOf, parseFormBody, sendJson } from "../shared/http-helpers.js";
import type { Environment, RequestContext, SophosRoute } from "./context.js";
import { tokenError } from "./errors.js";
import type { Principal } from "./state.js";

const FORM = "application/x-www-form-urlencoded";
const PARAMS = ["grant_type", "client_id", "client_secret", "scope"] as const;

/** `POST /api/v2/oauth2/token` on the identity host: client credentials in a form body. */
export const tokenRoutes: readonly SophosRoute[] = [
  { method: "POST", path: "/api/v2/oauth2/token", access: "token", handle: requestToken },
];

/**
 * Strict about the form: `application/x-www-form-urlencoded` only (a JSON body → 400), every
 * parameter once, in the body (not the query), no HTTP Basic header, `grant_type` exactly
 * `client_credentials` and `scope` exactly `token`. The `errorCode` values other than
 * `oauth.invalid_client_secret` are our choice; Sophos documents only that one.
 */
function requestToken(ctx: RequestContext, env: Environment): void {
  if (ctx.url.search !== "") throw invalid("Send the token parameters in the form body, not the query string");
  if (ctx.req.headers.authorization !== undefined) {
    throw invalid("HTTP Basic client authentication is not supported: send client_id and client_secret in the form body");
  }
  if (mediaTypeOf(ctx.req)?.essence !== FORM) throw invalid(`Content-Type must be ${FORM}`);
  let form: URLSearchParams;
  try {
    form = parseFormBody(ctx.req, ctx.body);
  } catch (error) {
    throw error instanceof HttpError ? invalid(error.description) : error;
  }
  const params = new Map<string, string>();
  for (const [name, value] of form) {
    if (params.has(name)) throw invalid(`Parameter "${name.slice(0, 64)}" is given more than once`);
    params.set(name, value);
  }
  for (const name of PARAMS) if (!params.get(name)) throw invalid(`Missing parameter ${name}`);
  if (params.get("grant_type") !== "client_credentials") {
    throw tokenError(400, "oauth.unsupported_grant_type", "grant_type must be client_credentials");
  }
  if (params.get("scope") !== "token") throw tokenError(400, "oauth.invalid_scope", "scope must be token");

  const principal = authenticate(env, params.get("client_id")!, params.get("client_secret")!);
  const issued = env.tokens.issue(principal.clientId, ["token"], principal.id);
  sendJson(ctx.res, 200, {
    access_token: issued.token,
    token_type: "bearer",
    expires_in: env.tokens.ttlSeconds,
    refresh_token: randomBytes(24).toString("hex"),
    errorCode: "success",
    message: "OK",
    trackingId: randomUUID(),
  });
}

/** Unknown client → 401 `oauth.client_app_does_not_exist`; wrong secret → 401 `oauth.invalid_client_secret`. */
function authenticate(env: Environment, clientId: string, secret: string): Principal {
  const principal = env.world.principalByClientId(clientId);
  // Compared even for an unknown client, so timing does not tell which client ids exist.
  const matches = sameSecret(secret, principal?.clientSecret ?? "\u0000no such client");
  if (!principal) throw tokenError(401, "oauth.client_app_does_not_exist", "Unauthorized");
  if (!matches) throw tokenError(401, "oauth.invalid_client_secret", "Unauthorized");
  return principal;
}

function invalid(message: string): HttpError {
  return tokenError(400, "oauth.invalid_request", message);
}
