import { sendJson } from "../shared/http-helpers.js";
import { invalidGrant, invalidRequest, required, sameSecret } from "./context.js";
import type { Environment, RequestContext } from "./context.js";
import { answerMethods, findPrincipal } from "./principals.js";
import type { Principal } from "./principals.js";

/**
 * The password grant up to the point where a token may be issued. Returns the user name, or
 * `undefined` after answering 406 with a challenge (the user has a second factor and the
 * request carried no answer). Wrong credentials or a wrong answer → 401 `invalid_grant`.
 */
export function passwordGrant(ctx: RequestContext, body: ReadonlyMap<string, string>, env: Environment): string | undefined {
  const username = required(body, "username");
  const password = required(body, "password");
  const principal = findPrincipal(env, username, body.get("realm"));
  // Checking a dummy secret for unknown users keeps the timing of both failures alike.
  const matches = sameSecret(password, principal?.password ?? "\u0000no such user");
  if (!principal || principal.password === undefined || !matches) throw invalidGrant("Invalid credentials given.", 401);
  if (!principal.active) throw invalidGrant("User account is disabled.", 401);
  if (principal.mfa === "invalid") throw invalidGrant("User is not configured correctly for token authentication.", 401);
  if (principal.mfa === "none") return principal.username;
  if (body.get("challenge_response") === undefined) {
    sendChallenge(ctx, env, principal);
    return undefined;
  }
  checkAnswer(body, env, principal);
  return principal.username;
}

/** 406 with `{challenge, method, session?, status: "pending"}`; starts a push or "sends" an e-mail/SMS code. */
function sendChallenge(ctx: RequestContext, env: Environment, principal: Principal): void {
  const body: Record<string, string> = { challenge: "otp", method: principal.mfa };
  if (principal.mfa === "ftm-push") body["session"] = env.push.start(principal.username).session;
  if (principal.mfa === "email" || principal.mfa === "sms") env.otp.send(principal.username);
  body["status"] = "pending";
  sendJson(ctx.res, 406, body, { "Cache-Control": "no-store" });
}

/**
 * Checks an answer: `challenge` as received (`otp`), a `method` the user's token supports and
 * the code: the current TOTP for `ftm`/`ftk`, the code sent for `email`/`sms`, or for `ftm-push`
 * the approved session's `challenge_response` (good once).
 */
function checkAnswer(body: ReadonlyMap<string, string>, env: Environment, principal: Principal): void {
  const method = body.get("method");
  if (method === undefined) throw invalidRequest("Missing method parameter: it is required when responding to a challenge.");
  const challenge = required(body, "challenge");
  const response = required(body, "challenge_response");
  if (challenge !== "otp") throw invalidGrant("Unexpected challenge.", 401);
  if (!answerMethods(principal.mfa).includes(method)) throw invalidGrant("The method does not match the user's token.", 401);
  let ok = false;
  switch (method) {
    case "ftm":
    case "ftk":
      ok = env.otp.checkTotp(principal.username, response);
      break;
    case "email":
    case "sms":
      ok = env.otp.redeem(principal.username, response);
      break;
    case "ftm-push": {
      const push = env.push.get(required(body, "session"));
      ok = push !== undefined && push.username === principal.username && push.status === "success" && push.response === response;
      if (ok) push!.consumed = true;
      break;
    }
  }
  if (!ok) throw invalidGrant("Invalid token code.", 401);
}
