import type { IncomingMessage, ServerResponse } from "node:http";
import { serveFault } from "./faults.js";
import type { FaultQueue } from "./faults.js";
import { HttpError, readBody } from "./http-helpers.js";
import type { RequestLog } from "./request-log.js";
import type { PathParams, Router } from "./router.js";

/** Everything a route handler needs about one request. Vendors extend it (Sophos' host, InSight's session). */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: PathParams;
  readonly body: Buffer;
  /** Aborts when the emulator closes; long waits must stop then. */
  readonly signal: AbortSignal;
}

/** A request before (or without) a route: what 404, 405 and pre-routing checks are made from. */
export interface UnroutedRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Upper-case method. */
  readonly method: string;
}

/** The vendor-specific parts of one emulated server's request handling. */
export interface RequestPipelineOptions<H> {
  readonly router: Router<H>;
  /** Where every request is recorded, including faulted ones and ones whose body could not be read. */
  readonly log: Pick<RequestLog, "record">;
  /** Where injected faults come from; they are served before any check. */
  readonly faults: Pick<FaultQueue, "take">;
  /** Aborts when the emulator closes: cuts fault delays short and reaches handlers as `ctx.signal`. */
  readonly signal: AbortSignal;
  /** The vendor's error body for an injected fault that names none. */
  faultBody(status: number, path: string): unknown;
  /** The path routes are matched against, for a vendor that serves one route under several spellings. Default: the request path. */
  routePath?(pathname: string): string;
  /** A check every request passes before 404/405 and the route (Forcepoint's rate limit). Throw to refuse. */
  beforeRouting?(request: UnroutedRequest): void;
  /** Answers a path no route has. Default: throws a 404 `not_found` {@link HttpError}. */
  notFound?(request: UnroutedRequest): void;
  /** Answers a known path asked with another method. Default: throws a 405 `method_not_allowed` {@link HttpError} with `Allow`. */
  methodNotAllowed?(request: UnroutedRequest, allow: readonly string[]): void;
  /**
   * Renders a refusal in the vendor's shape: whatever the body read, a check or the route threw.
   * It must rethrow what it does not know, so the loopback server answers a bare 500.
   */
  onError(res: ServerResponse, path: string, error: unknown): void;
  /** Runs the matched route (authentication included). */
  handle(route: H, ctx: RequestContext): Promise<void> | void;
}

/**
 * Builds the request listener every emulator shares: route, read the body (capped) and record
 * the request, serve an injected fault, then 404 / 405 / the route, with refusals rendered by
 * `onError`. The order matters to tests: a request is recorded even when its body is refused,
 * and a fault wins over every check, authentication included.
 */
export function createRequestHandler<H>(
  options: RequestPipelineOptions<H>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { router, log, faults, signal } = options;
  const notFound = options.notFound ?? defaultNotFound;
  const methodNotAllowed = options.methodNotAllowed ?? defaultMethodNotAllowed;

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const match = router.match(method, options.routePath?.(url.pathname) ?? url.pathname);
    const routeKey = match.kind === "found" ? match.route.key : null;
    let body: Buffer = Buffer.alloc(0);
    try {
      body = await readBody(req);
    } catch (error) {
      log.record(req, url, routeKey, body);
      return options.onError(res, url.pathname, error);
    }
    log.record(req, url, routeKey, body);

    const fault = faults.take(method, url.pathname);
    if (fault) {
      const fallback = (status: number) => options.faultBody(status, url.pathname);
      if ((await serveFault(fault, res, signal, fallback)) === "answered") return;
    }

    try {
      const request: UnroutedRequest = { req, res, url, method };
      options.beforeRouting?.(request);
      if (match.kind === "not-found") return notFound(request);
      if (match.kind === "method-not-allowed") return methodNotAllowed(request, match.allow);
      await options.handle(match.route.handler, { req, res, url, params: match.params, body, signal });
    } catch (error) {
      options.onError(res, url.pathname, error);
    }
  };
}

function defaultNotFound({ url }: UnroutedRequest): never {
  throw new HttpError(404, "not_found", `No such path: ${url.pathname.slice(0, 200)}`);
}

function defaultMethodNotAllowed({ method }: UnroutedRequest, allow: readonly string[]): never {
  throw new HttpError(405, "method_not_allowed", `Method ${method} is not allowed here`, { Allow: allow.join(", ") });
}
