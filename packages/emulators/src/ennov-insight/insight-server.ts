import type { IncomingMessage, ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import { createRequestHandler } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import type { SpecOperation } from "../spec/index.js";
import type { Environment, InsightRoute } from "./context.js";
import { SPRING_HEADERS, springErrorBody } from "./context.js";
import { requireSignedIn } from "./insight-auth.js";
import { entityRoutes } from "./routes-entities.js";
import { sessionRoutes } from "./routes-session.js";

/**
 * The request handler of the emulated InSight server (`url`): the session endpoints and the
 * entity operations. Refusals use Spring Boot's error body.
 */
export function insightHandler(env: Environment): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const router = new Router<InsightRoute>();
  // The Entra ID token operation is served by the other server (`loginUrl`).
  const routes = env.engine.routes([...sessionRoutes, ...entityRoutes], servedBySpec).filter((route) => route.path.startsWith("/insight/"));
  for (const route of routes) router.add(route.method, route.path, route);

  return createRequestHandler({
    router,
    log: env.log,
    faults: env.faults,
    signal: env.signal,
    faultBody: (status, path) => springErrorBody(status, STATUS_CODES[status] ?? "Injected fault", path),
    notFound() {
      throw new HttpError(404, "Not Found", "No endpoint here");
    },
    methodNotAllowed({ method }, allow) {
      throw new HttpError(405, "Method Not Allowed", `Request method '${method.slice(0, 10)}' is not supported`, { Allow: allow.join(", ") });
    },
    onError: sendError,
    handle(route, ctx) {
      const session = route.auth === "session" ? requireSignedIn(ctx, env) : null;
      // The handshake endpoints read their own requests: their refusals are part of the sign-in.
      const input = env.engine.inputFor(route, ctx, route.auth === "session" ? "spec" : "own");
      route.handle({ ...ctx, session, input }, env);
    },
  });
}

/** An operation no route here overrides: served from the spec, behind a signed-in session and its CSRF token. */
function servedBySpec(operation: SpecOperation): InsightRoute {
  return { method: operation.method, path: operation.path, auth: "session", handle: (ctx, env) => env.engine.serve(operation, ctx, ctx.input) };
}

function sendError(res: ServerResponse, path: string, error: unknown): void {
  if (!(error instanceof HttpError)) throw error;
  if (res.headersSent || res.destroyed) return;
  sendJson(res, error.status, springErrorBody(error.status, error.description, path), { ...SPRING_HEADERS, ...error.headers });
}
