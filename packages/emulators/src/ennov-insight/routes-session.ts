import type { OutgoingHttpHeaders } from "node:http";
import { HttpError, parseJsonBody, sendJson, strictQuery } from "../shared/http-helpers.js";
import type { Environment, InsightContext, InsightRoute } from "./context.js";
import { SPRING_HEADERS } from "./context.js";
import { checkCsrf, CSRF_HEADER, CSRF_PARAM, forbidden, sessionCookie, unauthorized } from "./insight-auth.js";
import type { Session } from "./sessions.js";

/** `GET /insight/api/v2/token` and `POST /insight/api/v2/login`: the two-step InSight sign-in. */
export const sessionRoutes: readonly InsightRoute[] = [
  { method: "GET", path: "/insight/api/v2/token", auth: "none", handle: startSession },
  { method: "POST", path: "/insight/api/v2/login", auth: "none", handle: login },
];

/**
 * Starts a pre-login session and answers its id (`{ xAuthToken }`, or `{ token }` on older
 * releases) with the CSRF header names and token. Any cookie sent along is ignored: every call
 * starts a new session.
 */
function startSession(ctx: InsightContext, env: Environment): void {
  strictQuery(ctx.url, []);
  const session = env.sessions.create();
  sendJson(ctx.res, 200, sessionBody(session, env), sessionHeaders(session, env));
}

/**
 * Signs the pre-login session in with an Entra ID access token for InSight's app registration.
 * Checks, in Spring's order: the session cookie and CSRF token (filters, 403), then the JSON body
 * (415/400), then the access token (401). Afterwards the old CSRF token is dead and, with
 * `sendSetCookie`, so is the old session id.
 */
function login(ctx: InsightContext, env: Environment): void {
  strictQuery(ctx.url, [CSRF_PARAM]);
  const id = sessionCookie(ctx.req);
  const found = id === undefined ? undefined : env.sessions.find(id);
  if (found?.status !== "found") {
    throw forbidden("Could not verify the provided CSRF token because no session was found: send Cookie: JSESSIONID=<xAuthToken from GET /insight/api/v2/token>");
  }
  checkCsrf(ctx, found.session);

  const body = parseJsonBody(ctx.req, ctx.body);
  const accessToken = body["access_token"];
  if (typeof accessToken !== "string" || accessToken === "") throw badRequest('Missing "access_token": the Entra ID access token');
  if (body["token_type"] !== "Bearer") throw badRequest('"token_type" must be "Bearer"');

  const lookup = env.tokens.lookup(accessToken);
  if (lookup.status !== "valid") {
    throw unauthorized(lookup.status === "expired" ? "Access token expired: request a new one from Entra ID" : "Invalid access token");
  }
  if (lookup.token.audience !== env.options.insightClientId) {
    throw unauthorized("Access token was not issued for the InSight app registration (wrong audience)");
  }
  const session = env.sessions.login(found.session, lookup.token.username, env.options.sendSetCookie);
  sendJson(ctx.res, 200, sessionBody(session, env), sessionHeaders(session, env));
}

function sessionBody(session: Session, env: Environment): Record<string, string> {
  return env.options.legacyTokenField ? { token: session.id } : { xAuthToken: session.id };
}

function sessionHeaders(session: Session, env: Environment): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    ...SPRING_HEADERS,
    "X-CSRF-HEADER": CSRF_HEADER,
    "X-CSRF-PARAM": CSRF_PARAM,
    "X-CSRF-TOKEN": session.csrf,
  };
  if (env.options.sendSetCookie) {
    // Tomcat marks the cookie Secure when the request came over TLS.
    headers["Set-Cookie"] = `JSESSIONID=${session.id}; Path=/insight; ${env.options.tls ? "Secure; " : ""}HttpOnly`;
  }
  return headers;
}

function badRequest(message: string): HttpError {
  return new HttpError(400, "Bad Request", message);
}
