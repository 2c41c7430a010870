import { HttpError, sendEmpty } from "../shared/http-helpers.js";
import { notFound, sameSecret } from "./context.js";
import type { Environment, FortiRoute, RequestContext } from "./context.js";
import { findPrincipal } from "./principals.js";
import type { Principal } from "./principals.js";
import { badRequest } from "./state.js";
import { BodyReader } from "./validation.js";

const OTP_LENGTH = 6;

/** Credential checks that issue no token: `/api/v1/auth/`, `/api/v1/realmauth/` and the blocking `/api/v1/pushauth/`. */
export const checkRoutes: readonly FortiRoute[] = [
  { method: "POST", path: "/api/v1/auth/", auth: "rest", handle: (ctx, env) => checkCredentials(ctx, env, false) },
  { method: "POST", path: "/api/v1/realmauth/", auth: "rest", handle: (ctx, env) => checkCredentials(ctx, env, true) },
  { method: "POST", path: "/api/v1/pushauth/", auth: "rest", handle: pushAuth },
];

/**
 * Checks a user's password and/or token code (password first): a local user for `/auth/`, a
 * user of the named realm for `/realmauth/`. An empty `token_code` with a password means the
 * OTP is appended to the password. 200 (empty body) when every given credential is right, 401
 * (empty body) otherwise.
 */
function checkCredentials(ctx: RequestContext, env: Environment, byRealm: boolean): void {
  const body = new BodyReader(ctx);
  const username = body.required("username");
  const realm = byRealm ? body.required("realm") : undefined;
  let password = body.string("password");
  let code = body.string("token_code");
  if (!password && !code) throw badRequest('Give "password", "token_code" or both.');
  const principal = findPrincipal(env, username, realm);
  // No WWW-Authenticate: the checked user failed, not the caller's credential.
  const refuse = () => new HttpError(401, "unauthorized", "Authentication failed");
  if (!principal || !principal.active) throw refuse();
  if (code === "" && password && hasToken(principal) && password.length > OTP_LENGTH) {
    code = password.slice(-OTP_LENGTH);
    password = password.slice(0, -OTP_LENGTH);
  }
  if (password && !(principal.password !== undefined && sameSecret(password, principal.password))) throw refuse();
  if (code && !checkCode(env, principal, code)) throw refuse();
  sendEmpty(ctx.res, 200, { "Content-Length": 0 });
}

/**
 * Sends a push to the user's FortiToken Mobile and answers when the user does: 200 approved,
 * 401 denied, 503 no answer within `pushTimeoutMs` (our assumption for a timeout). A user
 * without FortiToken Mobile, or unknown → 404.
 */
async function pushAuth(ctx: RequestContext, env: Environment): Promise<void> {
  const body = new BodyReader(ctx);
  const username = body.required("username");
  const realm = body.string("realm");
  const principal = findPrincipal(env, username, realm || undefined);
  if (!principal || (principal.mfa !== "ftm" && principal.mfa !== "ftm-push")) throw notFound();
  if (!principal.active) throw new HttpError(401, "unauthorized", "User account is disabled");
  const push = env.push.start(principal.username);
  const status = await env.push.settled(push, ctx.signal);
  if (ctx.signal.aborted) {
    ctx.res.destroy();
    return;
  }
  push.consumed = true;
  if (status === "success") return sendEmpty(ctx.res, 200, { "Content-Length": 0 });
  if (status === "denied") throw new HttpError(401, "unauthorized", "The user denied the push");
  throw new HttpError(503, "service_unavailable", "The user did not answer the push in time.");
}

function hasToken(principal: Principal): boolean {
  return principal.mfa !== "none" && principal.mfa !== "invalid";
}

function checkCode(env: Environment, principal: Principal, code: string): boolean {
  switch (principal.mfa) {
    case "ftm":
    case "ftm-push":
    case "ftk":
      return env.otp.checkTotp(principal.username, code);
    case "email":
    case "sms":
      return env.otp.redeem(principal.username, code);
    default:
      return false;
  }
}
