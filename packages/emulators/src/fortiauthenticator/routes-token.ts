import { HttpError, mediaTypeOf, sendJson } from "../shared/http-helpers.js";
import { invalidGrant, invalidRequest, required, sameSecret } from "./context.js";
import type { Environment, FortiRoute, RequestContext } from "./context.js";
import { passwordGrant } from "./mfa.js";
import type { ResolvedOptions } from "./options.js";
import { findAnyPrincipal } from "./principals.js";

export const TOKEN_PATH = "/api/v1/oauth/token/";
const GRANTS = ["password", "authorization_code", "refresh_token"];
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** `POST /api/v1/oauth/token/`: password (with MFA), authorization code and refresh grants, JSON only. */
export const tokenRoutes: readonly FortiRoute[] = [{ method: "POST", path: TOKEN_PATH, auth: "none", checks: "own", handle: requestToken }];

type App = ResolvedOptions["apps"][number];

function requestToken(ctx: RequestContext, env: Environment): void {
  const body = tokenBody(ctx);
  const grant = body.get("grant_type");
  if (grant === undefined) throw invalidRequest("Missing grant_type parameter.");
  const app = authenticateApp(body, env);
  if (!GRANTS.includes(grant)) throw new HttpError(400, "unsupported_grant_type", "Unsupported grant type.");
  if (!(app.grants as readonly string[]).includes(grant)) {
    throw new HttpError(400, "unauthorized_client", "The application is not allowed to use this grant type.");
  }

  if (grant === "password") {
    const username = passwordGrant(ctx, body, env);
    if (username === undefined) return; // a 406 challenge was sent
    return issue(ctx, env, app, username, { message: "successfully authenticated", status: "success" });
  }
  if (grant === "refresh_token") {
    const token = required(body, "refresh_token");
    const redeemed = env.oauth.redeemRefresh(token, app.clientId);
    if (!redeemed || !findAnyPrincipal(env, redeemed.username)?.active) throw invalidGrant("Invalid refresh token.");
    return issue(ctx, env, app, redeemed.username, { message: "Token has been refreshed successfully", status: "success" });
  }
  const code = required(body, "code");
  const redeemed = env.oauth.redeemCode(code, app.clientId, body.get("redirect_uri"), body.get("code_verifier"));
  if ("reason" in redeemed) throw invalidGrant(redeemed.reason);
  if (!findAnyPrincipal(env, redeemed.username)?.active) throw invalidGrant("User account is disabled.");
  issue(ctx, env, app, redeemed.username, {});
}

function issue(ctx: RequestContext, env: Environment, app: App, username: string, extra: Record<string, string>): void {
  const pair = env.oauth.issue(app.clientId, username, "read", app.tokenTtlSeconds);
  const body = {
    access_token: pair.accessToken,
    expires_in: pair.expiresIn,
    ...("message" in extra ? { message: extra["message"] } : {}),
    refresh_token: pair.refreshToken,
    scope: pair.scope,
    ...("status" in extra ? { status: extra["status"] } : {}),
    token_type: "Bearer",
  };
  sendJson(ctx.res, 200, body, NO_STORE);
}

/**
 * The application: `client_id` always; a confidential one needs its `client_secret` on every
 * request, and a public one must not send a secret. Anything else → 401 `invalid_client`.
 */
function authenticateApp(body: Map<string, string>, env: Environment): App {
  const refuse = (why: string) => new HttpError(401, "invalid_client", why);
  const clientId = body.get("client_id");
  if (clientId === undefined) throw refuse("Missing client_id parameter.");
  const app = env.options.apps.find((a) => a.clientId === clientId);
  const secret = body.get("client_secret");
  if (!app) throw refuse("Invalid client_id.");
  if (app.clientSecret === undefined) {
    if (secret !== undefined) throw refuse("A public application has no client secret.");
    return app;
  }
  if (secret === undefined) throw refuse("Missing client_secret: this application is confidential.");
  if (!sameSecret(secret, app.clientSecret)) throw refuse("Invalid client credentials.");
  return app;
}

/**
 * The JSON body as strings. Not JSON (a form body included), not an object, or a field that is
 * not a string → 400 `invalid_request`. Empty strings count as absent, as the appliance reads
 * optional fields by truthiness.
 */
function tokenBody(ctx: RequestContext): Map<string, string> {
  const type = mediaTypeOf(ctx.req);
  if (type?.essence !== "application/json" || (type.charset !== undefined && type.charset !== "utf-8")) {
    throw invalidRequest("Content-Type must be application/json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(ctx.body));
  } catch {
    throw invalidRequest("Request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidRequest("Request body must be a JSON object.");
  const fields = new Map<string, string>();
  for (const [name, field] of Object.entries(value)) {
    if (field === "" || field === null) continue;
    if (typeof field !== "string") throw invalidRequest(`"${name.slice(0, 64)}" must be a string.`);
    fields.set(name, field);
  }
  return fields;
}
