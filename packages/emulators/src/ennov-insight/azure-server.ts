import type { IncomingMessage, ServerResponse } from "node:http";
import { serveFault } from "../shared/faults.js";
import { HttpError, readBody, sendJson } from "../shared/http-helpers.js";
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

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const match = router.match(method, url.pathname);
    let body: Buffer = Buffer.alloc(0);
    try {
      body = await readBody(req);
    } catch (error) {
      env.log.record(req, url, match.kind === "found" ? match.route.key : null, body);
      if (!(error instanceof HttpError)) throw error;
      return sendAad(res, new AadError(error.status, "invalid_request", 90023, "The authentication service request is not valid."));
    }
    env.log.record(req, url, match.kind === "found" ? match.route.key : null, body);

    const fault = env.faults.take(method, url.pathname);
    if (fault) {
      const fallback = (status: number) => aadErrorBody(aadFaultError(status));
      if ((await serveFault(fault, res, env.signal, fallback)) === "answered") return;
    }

    try {
      if (match.kind === "not-found") {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Not Found");
        return;
      }
      if (match.kind === "method-not-allowed") {
        throw new AadError(400, "invalid_request", 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${method.slice(0, 10)} request.`);
      }
      const answer = passwordGrant(req, body, match.params["tenantId"] ?? "", env.options, env.tokens);
      sendJson(res, 200, answer, NO_STORE);
    } catch (error) {
      if (!(error instanceof AadError)) throw error;
      sendAad(res, error);
    }
  };
}

function sendAad(res: ServerResponse, error: AadError): void {
  if (res.headersSent || res.destroyed) return;
  sendJson(res, error.status, aadErrorBody(error), NO_STORE);
}
