import type { ServerResponse } from "node:http";
import { withEmulatorControls } from "../shared/emulator-controls.js";
import type { EmulatorControls } from "../shared/emulator-controls.js";
import { FaultQueue } from "../shared/faults.js";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import type { TlsOptions } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import { createRequestHandler } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import type { OpenApiDocument } from "./document.js";
import type { SpecOperation } from "./operations.js";
import { SpecEngine } from "./spec-engine.js";
import type { SpecEngineOptions } from "./spec-engine.js";

export interface SpecServerOptions extends SpecEngineOptions {
  /** TCP port on 127.0.0.1. Default `0` (a free port). */
  readonly port?: number;
  readonly tls?: TlsOptions;
  /** Answer browsers' CORS checks for any origin. Default `false`. */
  readonly cors?: boolean;
  /** The error body for a refusal. Default `{ error: <code>, message: <description> }`. */
  errorBody?(error: HttpError, path: string): unknown;
}

/** A running server for one document: the engine behind it, and the controls every emulator has. */
export interface SpecServer extends EmulatorControls {
  readonly url: string;
  readonly engine: SpecEngine;
}

/**
 * Serves an OpenAPI document on 127.0.0.1 with no vendor code at all: every operation answers
 * from the spec, with no authentication. The vendors' emulators add their sign-in and quirks on
 * the same engine; this is what a spec alone gives (and what a new spec gets on day one).
 */
export async function startSpecServer(document: OpenApiDocument, options: SpecServerOptions = {}): Promise<SpecServer> {
  const engine = new SpecEngine(document, options);
  const router = new Router<SpecOperation>();
  for (const op of engine.operations) router.add(op.method, op.path, op);
  const log = new RequestLog();
  const faults = new FaultQueue();
  const lifetime = new AbortController();
  const errorBody = options.errorBody ?? ((error: HttpError) => ({ error: error.code, message: error.description }));
  const sendError = (res: ServerResponse, path: string, error: unknown) => {
    if (!(error instanceof HttpError)) throw error;
    if (!res.headersSent && !res.destroyed) sendJson(res, error.status, errorBody(error, path), error.headers);
  };
  const server = await startLoopbackServer(
    createRequestHandler({
      router,
      log,
      faults,
      signal: lifetime.signal,
      faultBody: (status, path) => errorBody(new HttpError(status, "injected_fault", "Injected fault"), path),
      onError: sendError,
      handle: (op, ctx) => engine.serve(op, ctx),
    }),
    { port: options.port ?? 0, tls: options.tls, cors: options.cors ?? false },
  );
  const close = async () => {
    lifetime.abort();
    await server.close();
  };
  return withEmulatorControls<SpecServer>({ log, faults, close }, { url: server.url, engine });
}
