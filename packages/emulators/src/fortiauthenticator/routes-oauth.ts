import { parseAuthorization } from "../shared/authorization.js";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import { notFound } from "./context.js";
import type { Environment, FortiRoute, RequestContext } from "./context.js";

/** The OAuth helpers around the token endpoint: token checks and push polling. */
export const oauthRoutes: readonly FortiRoute[] = [
  { method: "GET", path: "/api/v1/oauth/verify_token/", auth: "none", checks: "own", handle: verifyToken },
  { method: "GET", path: "/api/v1/pushpoll/", auth: "none", checks: "own", handle: pollPush },
];

const BEARER_CHALLENGE = { "WWW-Authenticate": 'Bearer realm="api"' };

/**
 * `GET /api/v1/oauth/verify_token/?client_id=…` with `Authorization: Bearer`: 200
 * `{username, expires_in}` for a live token of that application (`expires_in` 0 = never
 * expires), 401 otherwise. `client_id` is required; no secret is needed.
 */
function verifyToken(ctx: RequestContext, env: Environment): void {
  const clientIds = ctx.url.searchParams.getAll("client_id");
  if (clientIds.length !== 1 || clientIds[0] === "") {
    throw new HttpError(400, "bad_request", "client_id must be given once as a query parameter.");
  }
  const auth = parseAuthorization(ctx.req);
  const refuse = (why: string) => new HttpError(401, "invalid_token", why, BEARER_CHALLENGE);
  if (auth.scheme !== "bearer") throw refuse("Send Authorization: Bearer <access token>");
  const found = env.oauth.lookupAccess(auth.token);
  if (found.status !== "valid" || found.clientId !== clientIds[0]) throw refuse("Token is not valid");
  sendJson(ctx.res, 200, { username: found.username, expires_in: found.expiresIn });
}

/**
 * `GET /api/v1/pushpoll/?s=<session>`: the state of a push started by a 406 `ftm-push`
 * challenge. The session id is the credential; an admin access key is refused (403, as
 * reported from a real unit). Unknown or already redeemed sessions → 404.
 */
function pollPush(ctx: RequestContext, env: Environment): void {
  if (parseAuthorization(ctx.req).scheme === "basic") {
    throw new HttpError(403, "forbidden", "Push polling is part of the user sign-in; it takes no admin credential.");
  }
  const sessions = ctx.url.searchParams.getAll("s");
  if (sessions.length !== 1 || sessions[0] === "") throw new HttpError(400, "bad_request", "Give the push session once as ?s=<session>.");
  const push = env.push.poll(sessions[0]!);
  if (!push) throw notFound();
  const body: Record<string, string> = { challenge: "otp" };
  if (push.status === "success" && push.response !== undefined) body["challenge_response"] = push.response;
  Object.assign(body, { method: "ftm-push", session: push.session, status: push.status });
  sendJson(ctx.res, 200, body, { "Cache-Control": "no-store" });
}
