import type { IncomingMessage, ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { serveFault } from "../shared/faults.js";
import { HttpError, readBody, sendJson } from "../shared/http-helpers.js";
import { Router } from "../shared/router.js";
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
  for (const route of [...sessionRoutes, ...entityRoutes]) router.add(route.method, route.path, route);

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const match = router.match(method, url.pathname);
    const routeKey = match.kind === "found" ? match.route.key : null;
    let body: Buffer = Buffer.alloc(0);
    try {
      body = await readBody(req);
    } catch (error) {
      env.log.record(req, url, routeKey, body);
      return sendError(res, url.pathname, error);
    }
    env.log.record(req, url, routeKey, body);

    const fault = env.faults.take(method, url.pathname);
    if (fault) {
      const fallback = (status: number) => springErrorBody(status, STATUS_CODES[status] ?? "Injected fault", url.pathname);
      if ((await serveFault(fault, res, env.signal, fallback)) === "answered") return;
    }

    try {
      if (match.kind === "not-found") throw new HttpError(404, "Not Found", "No endpoint here");
      if (match.kind === "method-not-allowed") {
        throw new HttpError(405, "Method Not Allowed", `Request method '${method.slice(0, 10)}' is not supported`, {
          Allow: match.allow.join(", "),
        });
      }
      const route = match.route.handler;
      const session = route.auth === "session" ? requireSignedIn({ req, url }, env) : null;
      route.handle({ req, res, url, params: match.params, body, session }, env);
    } catch (error) {
      sendError(res, url.pathname, error);
    }
  };
}

function sendError(res: ServerResponse, path: string, error: unknown): void {
  if (!(error instanceof HttpError)) throw error;
  if (res.headersSent || res.destroyed) return;
  sendJson(res, error.status, springErrorBody(error.status, error.description, path), { ...SPRING_HEADERS, ...error.headers });
}
