import type { IncomingMessage } from "node:http";
import { HttpError } from "../shared/http-helpers.js";
import type { Environment, InsightContext } from "./context.js";
import type { Session } from "./sessions.js";

/** Name of the CSRF request parameter Spring accepts instead of the header. */
export const CSRF_PARAM = "_csrf";
/** Name of the CSRF header. */
export const CSRF_HEADER = "X-CSRF-TOKEN";

/**
 * The `JSESSIONID` of the `Cookie` header, if any. Cookie names are case-sensitive; when the
 * cookie appears more than once the first one counts, as in Tomcat.
 */
export function sessionCookie(req: IncomingMessage): string | undefined {
  for (const pair of (req.headers.cookie ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === "JSESSIONID") return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** The CSRF token sent with the request: the header wins over the `_csrf` query parameter, as in Spring. */
export function presentedCsrf(ctx: Pick<InsightContext, "req" | "url">): string | undefined {
  const header = ctx.req.headersDistinct[CSRF_HEADER.toLowerCase()];
  if (header && header.length > 1) throw forbidden("More than one X-CSRF-TOKEN header");
  return header?.[0] ?? ctx.url.searchParams.get(CSRF_PARAM) ?? undefined;
}

/**
 * Gate of the entity routes: a live, signed-in session (else 401), then its current CSRF token
 * (else 403). An accepted request renews the session's idle timer.
 */
export function requireSignedIn(ctx: Pick<InsightContext, "req" | "url">, env: Environment): Session {
  const id = sessionCookie(ctx.req);
  if (id === undefined) throw unauthorized("Full authentication is required: send Cookie: JSESSIONID=<session id>");
  const found = env.sessions.find(id);
  if (found.status !== "found") {
    throw unauthorized(
      found.status === "expired"
        ? "Session expired: sign in again (GET /insight/api/v2/token, then POST /insight/api/v2/login)"
        : "Unknown session: sign in again",
    );
  }
  if (found.session.user === null) throw unauthorized("Session is not signed in: POST /insight/api/v2/login first");
  checkCsrf(ctx, found.session);
  env.sessions.touch(found.session);
  return found.session;
}

/** 403 unless the request carries `session`'s current CSRF token. The token is never echoed. */
export function checkCsrf(ctx: Pick<InsightContext, "req" | "url">, session: Session): void {
  const presented = presentedCsrf(ctx);
  if (presented === undefined || presented === "") {
    throw forbidden("Could not verify the provided CSRF token because no token was found: send the X-CSRF-TOKEN header or the _csrf parameter");
  }
  if (presented !== session.csrf) {
    throw forbidden("Invalid CSRF token found on the request parameter '_csrf' or header 'X-CSRF-TOKEN' (tokens change at login)");
  }
}

export function unauthorized(message: string): HttpError {
  return new HttpError(401, "Unauthorized", message);
}

export function forbidden(message: string): HttpError {
  return new HttpError(403, "Forbidden", message);
}
