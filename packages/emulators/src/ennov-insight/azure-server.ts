import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import { createRequestHandler } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import { AadError, aadErrorBody, aadFaultError } from "./azure-errors.js";
import { passwordGrant } from "./azure-grant.js";
import type { Environment } from "./context.js";

/** Route key of the token endpoint, for `count()`. */
export const AZURE_TOKEN_ROUTE = "POST /{tenantId}/oauth2/v2.0/token";

const NO_STORE = { "Cache-Control": "no-store, no-cache", Pragma: "no-cache", "Content-Type": "application/json; charset=utf-8" };

/**
 * The request handler of the emulated Microsoft Entra ID authority (`loginUrl`): only
 * `POST /{tenant}/oauth2/v2.0/token` with the password grant.
 */
export function azureHandler(env: Environment): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const router = new Router<true>().add("POST", "/{tenantId}/oauth2/v2.0/token", true);

  return createRequestHandler({
    router,
    log: env.log,
    faults: env.faults,
    signal: env.signal,
    faultBody: (status) => aadErrorBody(aadFaultError(status)),
    notFound({ res }) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not Found");
    },
    methodNotAllowed({ method }) {
      throw new AadError(400, "invalid_request", 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${method.slice(0, 10)} request.`);
    },
    onError: sendError,
    handle(_route, { req, res, params, body }) {
      sendJson(res, 200, passwordGrant(req, body, params["tenantId"] ?? "", env.options, env.tokens), NO_STORE);
    },
  });
}

/**
 * Renders a refusal. The grant throws only AadErrors; an HttpError can come only from reading
 * the body (too large), which Entra ID answers as a request it cannot read: AADSTS90023.
 */
function sendError(res: ServerResponse, _path: string, error: unknown): void {
  if (error instanceof HttpError) {
    return sendAad(res, new AadError(error.status, "invalid_request", 90023, "The authentication service request is not valid."));
  }
  if (!(error instanceof AadError)) throw error;
  sendAad(res, error);
}

function sendAad(res: ServerResponse, error: AadError): void {
  if (res.headersSent || res.destroyed) return;
  sendJson(res, error.status, aadErrorBody(error), NO_STORE);
}
