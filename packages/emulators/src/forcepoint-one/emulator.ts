import type { IncomingMessage, ServerResponse } from "node:http";
import { FaultQueue, serveFault } from "../shared/faults.js";
import type { FaultSpec } from "../shared/faults.js";
import { HttpError, readBody } from "../shared/http-helpers.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import type { RecordedRequest } from "../shared/request-log.js";
import { Router } from "../shared/router.js";
import { authenticate, Credentials } from "./auth.js";
import { errorBodyFor, reason, sendError } from "./context.js";
import type { Environment, ForcepointRoute } from "./context.js";
import { Directory } from "./directory.js";
import { LogStreams } from "./log-streams.js";
import { resolveOptions } from "./options.js";
import type { ForcepointOneEmulatorOptions } from "./options.js";
import { SlidingWindowLimiter } from "./rate-limiter.js";
import { configRoutes } from "./routes-config.js";
import { LOGS_PATH, LOGS_PATH_ALIASES, logRoutes } from "./routes-logs.js";
import { scimRoutes } from "./routes-scim.js";
import { FORCEPOINT_ONE_LOG_TYPES } from "./types.js";
import type { ForcepointOneGroup, ForcepointOneLogRecord, ForcepointOneLogType, ForcepointOneUser } from "./types.js";

/** A running Forcepoint ONE SSE (Bitglass) emulator. */
export interface ForcepointOneEmulator {
  /** Base URL (host root, no trailing slash), e.g. `http://127.0.0.1:53124`. Use it as the client's `baseUrl`. */
  readonly url: string;
  /** Stops the server and drops every open connection. Safe to call twice. */
  close(): Promise<void>;
  /** Every request received so far, oldest first (credentials included, as sent). */
  readonly requests: readonly RecordedRequest[];
  /** Requests to a route key such as `"GET /api/bitglassapi/logs"`; no argument: all requests. */
  count(route?: string): number;
  /** Queues a fault (error status, delay or dropped connection) served before rate limiting and authentication. */
  injectFault(fault: FaultSpec): void;
  /** Forgets faults not yet served. */
  clearFaults(): void;
  /** Revokes one token (as revoking its OAuth application does): later calls with it get 401. Returns whether it was configured. */
  revokeToken(token: string): boolean;
  /** Revokes every configured token. Tokens never expire on their own; this is the nearest thing. */
  expireTokens(): void;
  /** Appends `count` new records to `type`'s stream, dated after its newest record. */
  appendLogs(type: ForcepointOneLogType, count: number): void;
  /** A snapshot of `type`'s records, oldest first (the order pages follow). */
  logs(type: ForcepointOneLogType): readonly ForcepointOneLogRecord[];
  /** A snapshot of the directory's users. */
  readonly users: readonly ForcepointOneUser[];
  /** A snapshot of the directory's groups. */
  readonly groups: readonly ForcepointOneGroup[];
  /** Config API calls counted against today's quota (UTC). */
  readonly configCallsToday: number;
  /** Restores the seeded logs and directory, un-revokes tokens, and forgets requests, faults, rate-limit window and quota. */
  reset(): void;
}

/**
 * Starts an emulator of the Forcepoint ONE SSE (Bitglass) REST API on 127.0.0.1: log export,
 * config API v1.1 and SCIM 2.0 Users and Groups, as strict as the real service. Close it when done.
 */
export async function startForcepointOneEmulator(options: ForcepointOneEmulatorOptions = {}): Promise<ForcepointOneEmulator> {
  const resolved = resolveOptions(options);
  const env: Environment = {
    options: resolved,
    credentials: new Credentials(resolved),
    logs: new LogStreams(resolved),
    directory: new Directory(resolved),
    configQuota: { day: "", used: 0 },
  };
  const router = new Router<ForcepointRoute>();
  for (const route of [...logRoutes, ...configRoutes, ...scimRoutes]) router.add(route.method, route.path, route);
  const log = new RequestLog();
  const faults = new FaultQueue();
  const limiter = resolved.rateLimitPerSecond === null ? undefined : new SlidingWindowLimiter(resolved.rateLimitPerSecond);
  const lifetime = new AbortController();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    // The log API answers on four spellings of its path; they share one route key.
    const match = router.match(method, LOGS_PATH_ALIASES.includes(url.pathname) ? LOGS_PATH : url.pathname);
    const routeKey = match.kind === "found" ? match.route.key : null;
    let body: Buffer = Buffer.alloc(0);
    try {
      body = await readBody(req);
    } catch (error) {
      log.record(req, url, routeKey, body);
      return sendError(res, url.pathname, error);
    }
    log.record(req, url, routeKey, body);

    const fault = faults.take(method, url.pathname);
    if (fault) {
      const fallback = (status: number) => errorBodyFor(url.pathname, status, reason(status));
      if ((await serveFault(fault, res, lifetime.signal, fallback)) === "answered") return;
    }

    try {
      const wait = limiter?.take() ?? 0;
      if (wait > 0) {
        throw new HttpError(429, "too_many_requests", `Too many requests: at most ${resolved.rateLimitPerSecond} per second`, {
          "Retry-After": String(wait),
        });
      }
      if (match.kind === "not-found") throw new HttpError(404, "not_found", `No such path: ${url.pathname.slice(0, 200)}`);
      if (match.kind === "method-not-allowed") {
        throw new HttpError(405, "method_not_allowed", `Method ${method} is not allowed here`, { Allow: match.allow.join(", ") });
      }
      const route = match.route.handler;
      authenticate(req, env.credentials, route.scope);
      route.handle({ req, res, url, params: match.params, body }, env);
    } catch (error) {
      sendError(res, url.pathname, error);
    }
  }

  const server = await startLoopbackServer(handle, { port: resolved.port, tls: resolved.tls });

  return {
    url: server.url,
    async close() {
      lifetime.abort();
      await server.close();
    },
    get requests() {
      return log.entries;
    },
    count: (route) => log.count(route),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    revokeToken: (token) => env.credentials.revoke(token),
    expireTokens: () => env.credentials.revokeAll(),
    appendLogs(type, count) {
      if (!(FORCEPOINT_ONE_LOG_TYPES as readonly string[]).includes(type)) throw new TypeError(`appendLogs: unknown log type "${String(type)}"`);
      if (!Number.isSafeInteger(count) || count < 0) throw new TypeError("appendLogs: count must be an integer >= 0");
      env.logs.append(type, count);
    },
    logs: (type) => env.logs.records(type).map((stored) => stored.record),
    get users() {
      return structuredClone(env.directory.users());
    },
    get groups() {
      return structuredClone(env.directory.groups());
    },
    get configCallsToday() {
      return env.configQuota.day === new Date().toISOString().slice(0, 10) ? env.configQuota.used : 0;
    },
    reset() {
      env.logs = new LogStreams(resolved);
      env.directory = new Directory(resolved);
      env.configQuota = { day: "", used: 0 };
      env.credentials.restore();
      limiter?.clear();
      log.clear();
      faults.clear();
    },
  };
}
