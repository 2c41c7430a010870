import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { withEmulatorControls } from "../shared/emulator-controls.js";
import type { EmulatorControls } from "../shared/emulator-controls.js";
import { FaultQueue } from "../shared/faults.js";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import { createRequestHandler } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import { TokenIssuer } from "../shared/token-issuer.js";
import { SpecEngine } from "../spec/index.js";
import type { SpecOperation } from "../spec/index.js";
import { apiErrorBody, oauthErrorBody, requireToken } from "./context.js";
import type { Environment, PaloAltoRoute } from "./context.js";
import { resolveOptions } from "./options.js";
import type { PaloAltoSaasSecurityOAuthClient, PaloAltoSaasSecurityEmulatorOptions } from "./options.js";
import { incidentRoutes } from "./routes-incidents.js";
import { logEventRoutes } from "./routes-log-events.js";
import { remediationRoutes } from "./routes-remediation.js";
import { tokenRoutes } from "./routes-token.js";
import { openApiDocument } from "./generated/openapi.js";
import { PaloAltoState } from "./state.js";
import type { PaloAltoApp, PaloAltoIncident, PaloAltoScope } from "./types.js";

const TOKEN_PATH = "/oauth/token";

/**
 * A running Palo Alto Networks SaaS Security emulator. Its route keys look like
 * `"POST /oauth/token"` or `"GET /incident/api/incidents/{id}"`.
 */
export interface PaloAltoSaasSecurityEmulator extends EmulatorControls {
  /** Base URL (host root, no trailing slash), e.g. `http://127.0.0.1:53124`. Use it as the client's `baseUrl`. */
  readonly url: string;
  /** Options for the vendor's client factory that sign in here with the first configured API client (the demo one by default): `create…Client(emulator.clientOptions())`. */
  clientOptions(): { baseUrl: string; clientId: string; clientSecret: string };
  /** The API clients accepted, with defaults applied. */
  readonly clients: ReadonlyArray<Required<PaloAltoSaasSecurityOAuthClient>>;
  /** Expires every token issued so far: the next API call with one gets 401 `invalid_token`. */
  expireTokens(): void;
  /** Revokes one access token. Returns whether the emulator had issued it. */
  revokeToken(token: string): boolean;
  /** Appends `count` new events to the log-event queue (waking any waiting long poll). */
  addLogEvents(count: number): void;
  /** Number of events waiting in the log-event queue. */
  readonly queuedLogEvents: number;
  /** A snapshot of every incident, ordered by `updated_at` then id. */
  readonly incidents: readonly PaloAltoIncident[];
  /** The connected apps. */
  readonly apps: readonly PaloAltoApp[];
  /** Restores the seeded data and forgets tokens, recorded requests and pending faults. */
  reset(): void;
}

/**
 * Starts an emulator of the Palo Alto Networks SaaS Security (Aperture) API on 127.0.0.1:
 * `POST /oauth/token`, incidents, apps, remediation and the log-event queue, as strict as the
 * real service. Close it when done.
 */
export async function startPaloAltoSaasSecurityEmulator(
  options: PaloAltoSaasSecurityEmulatorOptions = {},
): Promise<PaloAltoSaasSecurityEmulator> {
  const resolved = resolveOptions(options);
  const env: Environment = {
    options: resolved,
    state: new PaloAltoState(resolved),
    tokens: new TokenIssuer({ ttlSeconds: resolved.tokenTtlSeconds }),
    engine: new SpecEngine(openApiDocument, { seed: resolved.seed, count: resolved.count, now: resolved.seedTime }),
  };
  const router = new Router<PaloAltoRoute>();
  const handWritten = [...tokenRoutes, ...incidentRoutes, ...remediationRoutes, ...logEventRoutes];
  for (const route of env.engine.routes(handWritten, servedBySpec)) router.add(route.method, route.path, route);
  const log = new RequestLog();
  const faults = new FaultQueue();
  const lifetime = new AbortController();

  const handle = createRequestHandler({
    router,
    log,
    faults,
    signal: lifetime.signal,
    faultBody: (status, path) => apiErrorBody(status, STATUS_CODES[status] ?? "Injected fault", path),
    onError: sendError,
    async handle(route, shared) {
      if (route.scope !== null) requireToken(shared, env, route.scope);
      const input = env.engine.inputFor(route, shared, route.checks);
      await route.handle({ ...shared, input }, env);
    },
  });

  const server = await startLoopbackServer(handle, { port: resolved.port, tls: resolved.tls, cors: resolved.cors });

  const close = async () => {
    lifetime.abort();
    await server.close();
  };
  return withEmulatorControls<PaloAltoSaasSecurityEmulator>({ log, faults, close }, {
    url: server.url,
    clientOptions: () => ({ baseUrl: server.url, clientId: resolved.clients[0]!.clientId, clientSecret: resolved.clients[0]!.clientSecret }),
    clients: resolved.clients,
    expireTokens: () => env.tokens.expireAll(),
    revokeToken: (token) => env.tokens.revoke(token),
    addLogEvents(count) {
      if (!Number.isSafeInteger(count) || count < 0) throw new TypeError("addLogEvents: count must be an integer >= 0");
      env.state.addLogEvents(count);
    },
    get queuedLogEvents() {
      return env.state.queuedLogEvents;
    },
    get incidents() {
      return structuredClone(env.state.orderedIncidents());
    },
    get apps() {
      return structuredClone(env.state.apps);
    },
    reset() {
      env.state = new PaloAltoState(resolved);
      env.engine.reset();
      env.tokens.clear();
      log.clear();
      faults.clear();
    },
  });
}

/** An operation no route here overrides: the spec serves it, behind the scope its `security` names. */
function servedBySpec(operation: SpecOperation): PaloAltoRoute {
  const scope = operation.security.flatMap((requirement) => requirement["oauth2"] ?? [])[0] as PaloAltoScope | undefined;
  return {
    method: operation.method,
    path: operation.path,
    scope: scope ?? null,
    handle: (ctx, env) => env.engine.serve(operation, ctx, ctx.input),
  };
}

/** Renders a refusal: OAuth shape on the token endpoint and for 401, `ApiError` shape elsewhere. */
function sendError(res: ServerResponse, path: string, error: unknown): void {
  if (!(error instanceof HttpError)) throw error;
  if (res.headersSent || res.destroyed) return;
  const oauth = path === TOKEN_PATH || error.status === 401;
  const body = oauth
    ? oauthErrorBody(error.code, error.description)
    : apiErrorBody(error.status, error.description, path, error.status === 403 ? error.code : undefined);
  sendJson(res, error.status, body, error.headers);
}
