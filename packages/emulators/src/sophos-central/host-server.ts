import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import type { FaultQueue, FaultSpec } from "../shared/faults.js";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import type { LoopbackServer, TlsOptions } from "../shared/loopback-server.js";
import type { RecordedRequest, RequestLog } from "../shared/request-log.js";
import { createRequestHandler } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import type { Environment, HostKind, HostRequestContext, SophosRoute } from "./context.js";
import { apiError, apiErrorBody, defaultApiErrorBody, tokenErrorBody, tokenErrorFrom } from "./errors.js";
import { admit } from "./gatekeeper.js";

/** What one emulated host needs to run. */
export interface HostServerOptions {
  readonly host: HostKind;
  readonly routes: readonly SophosRoute[];
  /** The emulator's environment (available once every host is listening). */
  readonly env: () => Environment;
  /** This host's own request log. */
  readonly log: RequestLog;
  /** Every host's requests, in arrival order. */
  readonly all: RecordedRequest[];
  /** Faults for this host, then faults for any host. */
  readonly faults: readonly FaultQueue[];
  /** Aborts when the emulator closes. */
  readonly signal: AbortSignal;
  readonly tls: TlsOptions | undefined;
  readonly cors: boolean;
}

/**
 * Starts one host (identity, global or a data region) on 127.0.0.1. A path the host does not
 * serve answers 404 even when another host serves it: tenant paths exist only on data-region
 * hosts, partner and organization paths only on the global host, the token only on the
 * identity host.
 */
export function startHostServer(options: HostServerOptions): Promise<LoopbackServer> {
  const router = new Router<SophosRoute>();
  for (const route of options.routes) router.add(route.method, route.path, route);
  const identityHost = options.host.kind === "id";

  const handle = createRequestHandler({
    router,
    // Each host keeps its own log; `all` keeps every host's requests in arrival order.
    log: {
      record(...args) {
        const entry = options.log.record(...args);
        options.all.push(entry);
        return entry;
      },
    },
    // A fault aimed at this host goes first; a fault for any host is served by whichever host is asked first.
    faults: {
      take: (method, path) => options.faults.reduce<FaultSpec | undefined>((found, queue) => found ?? queue.take(method, path), undefined),
    },
    signal: options.signal,
    faultBody: identityHost ? defaultTokenErrorBody : defaultApiErrorBody,
    notFound({ url }) {
      throw apiError(404, `No such path on this host: ${url.pathname.slice(0, 200)}`);
    },
    methodNotAllowed({ method }, allow) {
      throw apiError(405, `Method ${method} is not allowed here`, { Allow: allow.join(", ") });
    },
    onError: (res, _path, error) => sendError(res, error, identityHost),
    async handle(route, shared) {
      const ctx: HostRequestContext = { ...shared, host: options.host };
      const env = options.env();
      // The token route reads its own form: OAuth's error codes are what a client acts on.
      if (route.access === "token") return route.handle({ ...ctx, input: { path: {}, query: {}, body: undefined } }, env);
      const caller = admit(ctx, env, route.access);
      const input = env.engine.inputFor(route, ctx);
      await route.handle({ ...ctx, input }, env, caller);
    },
  });

  return startLoopbackServer(handle, { tls: options.tls, cors: options.cors });
}

/** Our guess at the identity host's body for an injected status (Sophos documents none). */
function defaultTokenErrorBody(status: number): Record<string, string> {
  return tokenErrorBody(status === 429 ? "oauth.too_many_requests" : "oauth.server_error", STATUS_CODES[status] ?? "Error");
}

/** The identity host answers `{ errorCode, message, trackingId }`, API hosts Sophos's `ApiError`. */
function sendError(res: ServerResponse, error: unknown, identityHost: boolean): void {
  if (!(error instanceof HttpError)) throw error;
  if (res.headersSent || res.destroyed) return;
  sendJson(res, error.status, identityHost ? tokenErrorFrom(error) : apiErrorBody(error), error.headers);
}
