import { withEmulatorControls } from "../shared/emulator-controls.js";
import type { EmulatorControls } from "../shared/emulator-controls.js";
import { FaultQueue } from "../shared/faults.js";
import { HttpError } from "../shared/http-helpers.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import { createRequestHandler } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import { SpecEngine } from "../spec/index.js";
import type { SpecOperation } from "../spec/index.js";
import { authenticate, Credentials } from "./auth.js";
import { errorBodyFor, reason, sendError } from "./context.js";
import type { Environment, ForcepointRoute } from "./context.js";
import { Directory } from "./directory.js";
import { LogStreams } from "./log-streams.js";
import { openApiDocument } from "./generated/openapi.js";
import { resolveOptions } from "./options.js";
import type { ForcepointOneEmulatorOptions } from "./options.js";
import { SlidingWindowLimiter } from "./rate-limiter.js";
import { configRoutes } from "./routes-config.js";
import { LOGS_PATH, LOGS_PATH_ALIASES, logRoutes } from "./routes-logs.js";
import { scimRoutes } from "./routes-scim.js";
import { FORCEPOINT_ONE_LOG_TYPES } from "./types.js";
import type { ForcepointOneGroup, ForcepointOneLogRecord, ForcepointOneLogType, ForcepointOneUser } from "./types.js";

/**
 * A running Forcepoint ONE SSE (Bitglass) emulator. Its route keys look like
 * `"GET /api/bitglassapi/logs"`; injected faults are served before rate limiting and authentication.
 */
export interface ForcepointOneEmulator extends EmulatorControls {
  /** Base URL (host root, no trailing slash), e.g. `http://127.0.0.1:53124`. Use it as the client's `baseUrl`. */
  readonly url: string;
  /** Options for the vendor's client factory that sign in here with the first configured bearer token (the demo one by default): `create…Client(emulator.clientOptions())`. */
  clientOptions(): { baseUrl: string; token: string };
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
    engine: new SpecEngine(openApiDocument, { seed: resolved.seed, count: resolved.count }),
  };
  const router = new Router<ForcepointRoute>();
  for (const route of env.engine.routes([...logRoutes, ...configRoutes, ...scimRoutes], servedBySpec)) router.add(route.method, route.path, route);
  const log = new RequestLog();
  const faults = new FaultQueue();
  const limiter = resolved.rateLimitPerSecond === null ? undefined : new SlidingWindowLimiter(resolved.rateLimitPerSecond);
  const lifetime = new AbortController();

  const handle = createRequestHandler({
    router,
    log,
    faults,
    signal: lifetime.signal,
    faultBody: (status, path) => errorBodyFor(path, status, reason(status)),
    // The log API answers on four spellings of its path; they share one route key.
    routePath: (pathname) => (LOGS_PATH_ALIASES.includes(pathname) ? LOGS_PATH : pathname),
    // The rate limit counts every request, even one for a path that does not exist.
    beforeRouting() {
      const wait = limiter?.take() ?? 0;
      if (wait > 0) {
        throw new HttpError(429, "too_many_requests", `Too many requests: at most ${resolved.rateLimitPerSecond} per second`, {
          "Retry-After": String(wait),
        });
      }
    },
    onError: sendError,
    handle(route, shared) {
      authenticate(shared.req, env.credentials, route.scope);
      const input = env.engine.inputFor(route, shared, route.checks);
      route.handle({ ...shared, input }, env);
    },
  });

  const server = await startLoopbackServer(handle, { port: resolved.port, tls: resolved.tls, cors: resolved.cors });

  const close = async () => {
    lifetime.abort();
    await server.close();
  };
  return withEmulatorControls<ForcepointOneEmulator>({ log, faults, close }, {
    url: server.url,
    clientOptions: () => ({ baseUrl: server.url, token: resolved.tokens[0]!.token }),
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
      env.engine.reset();
      env.credentials.restore();
      limiter?.clear();
      log.clear();
      faults.clear();
    },
  });
}

/** An operation no route here overrides: served from the spec, behind the token every API call needs. */
function servedBySpec(operation: SpecOperation): ForcepointRoute {
  const scope: ForcepointRoute["scope"] = operation.path.startsWith("/api/bitglassapi/v2/scim") ? "scim" : operation.path.includes("/config/") ? "config" : "logs";
  return { method: operation.method, path: operation.path, scope, handle: (ctx, env) => env.engine.serve(operation, ctx, ctx.input) };
}
