import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { withEmulatorControls } from "../shared/emulator-controls.js";
import type { EmulatorControls } from "../shared/emulator-controls.js";
import { FaultQueue } from "../shared/faults.js";
import { HttpError, sendEmpty, sendJson } from "../shared/http-helpers.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import { createRequestHandler } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import { SpecEngine } from "../spec/index.js";
import type { SpecOperation } from "../spec/index.js";
import { openApiDocument } from "./generated/openapi.js";
import { createLoopbackCertificate } from "../shared/self-signed-certificate.js";
import { requireCaller, requireDeserializableBody } from "./context.js";
import type { Environment, FortiRoute } from "./context.js";
import { createKnobs } from "./knobs.js";
import type { FortiAuthenticatorKnobs } from "./knobs.js";
import { OAuthStore } from "./oauth-store.js";
import { FORTIAUTHENTICATOR_DEMO, resolveOptions } from "./options.js";
import type { FortiAuthenticatorEmulatorOptions, ResolvedOptions } from "./options.js";
import { OtpCenter } from "./otp.js";
import { PushCenter } from "./push.js";
import { checkRoutes } from "./routes-checks.js";
import { directoryRoutes } from "./routes-directory.js";
import { groupRoutes } from "./routes-groups.js";
import { oauthRoutes } from "./routes-oauth.js";
import { TOKEN_PATH, tokenRoutes } from "./routes-token.js";
import { userRoutes } from "./routes-users.js";
import { Directory } from "./state.js";

/** Django's production 404 page, which the appliance serves for paths outside every resource. */
const NOT_FOUND_PAGE =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/**
 * A running FortiAuthenticator emulator (HTTPS). Its route keys look like
 * `"POST /api/v1/oauth/token/"` or `"GET /api/v1/localusers/{id}/"`; `close()` also drops waiting
 * `/pushauth/` calls.
 */
export interface FortiAuthenticatorEmulator extends EmulatorControls, FortiAuthenticatorKnobs {
  /** Base URL (host root, no trailing slash), e.g. `https://127.0.0.1:53124`. Use it as the client's `baseUrl`. */
  readonly url: string;
  /** Options for the vendor's client factory that sign in here with the demo user's password through the demo confidential app, trusting this emulator's CA: `create…Client(emulator.clientOptions())`. */
  clientOptions(): { baseUrl: string; ca: string; clientId: string; clientSecret: string; username: string; password: string };
  /** PEM of the CA the server certificate chains to: pass it as the client's `ca`. Without it, TLS verification fails. */
  readonly ca: string;
  /** OAuth applications, sign-in accounts and admins, with defaults applied. */
  readonly apps: ResolvedOptions["apps"];
  readonly accounts: ResolvedOptions["accounts"];
  readonly admins: ResolvedOptions["admins"];
  /** Restores the seeded directory and forgets tokens, codes, pushes, sent codes, recorded requests and faults. */
  reset(): void;
}

/**
 * Starts an emulator of a FortiAuthenticator appliance's REST API on 127.0.0.1 over HTTPS, with
 * a certificate made at start (trust `emulator.ca`): the OAuth service with MFA challenges and
 * push, local users, groups, FortiTokens, RADIUS clients and credential checks. Close it when done.
 */
export async function startFortiAuthenticatorEmulator(options: FortiAuthenticatorEmulatorOptions = {}): Promise<FortiAuthenticatorEmulator> {
  const resolved = resolveOptions(options);
  const env: Environment = {
    options: resolved,
    directory: new Directory(resolved),
    oauth: new OAuthStore(),
    otp: new OtpCenter(resolved.seed),
    push: new PushCenter({ timeoutMs: resolved.pushTimeoutMs, autoApproveAfterPolls: resolved.pushAutoApproveAfterPolls }),
    // Django ignores query names it does not know; Tastypie reads a body without a Content-Type
    // as JSON and answers a body it cannot deserialize with 400; an id its URL pattern refuses is 404.
    engine: new SpecEngine(openApiDocument, { seed: resolved.seed, count: resolved.count, unknownQuery: "ignore", bodyWithoutType: "json", mediaTypeStatus: 400, badPathStatus: 404 }),
  };
  const router = new Router<FortiRoute>();
  const handWritten = [...tokenRoutes, ...oauthRoutes, ...directoryRoutes, ...userRoutes, ...groupRoutes, ...checkRoutes];
  for (const route of env.engine.routes(handWritten, servedBySpec)) router.add(route.method, route.path, route);
  const log = new RequestLog();
  const faults = new FaultQueue();
  const lifetime = new AbortController();

  const serve = createRequestHandler({
    router,
    log,
    faults,
    signal: lifetime.signal,
    faultBody: (status) => ({ error: STATUS_CODES[status] ?? "Injected fault" }),
    notFound({ res, url, method }) {
      // Django's APPEND_SLASH: a known resource asked for without its trailing slash is redirected.
      if (!url.pathname.endsWith("/") && router.match(method, `${url.pathname}/`).kind !== "not-found") {
        return sendEmpty(res, 301, { Location: `${url.pathname}/${url.search}`, "Content-Length": 0 });
      }
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(NOT_FOUND_PAGE) });
      res.end(NOT_FOUND_PAGE);
    },
    onError: sendError,
    async handle(route, shared) {
      if (route.auth === "rest") requireCaller(shared, env);
      if (route.checks !== "own") requireDeserializableBody(shared);
      const input = env.engine.inputFor(route, shared, route.checks);
      await route.handle({ ...shared, input }, env);
    },
  });

  const certificate = resolved.tls ? { ...resolved.tls, ca: resolved.tls.cert.toString() } : await createLoopbackCertificate();
  const server = await startLoopbackServer(serve, { port: resolved.port, tls: { key: certificate.key, cert: certificate.cert }, cors: resolved.cors });

  const close = async () => {
    lifetime.abort();
    await server.close();
  };
  const handle = withEmulatorControls<Omit<FortiAuthenticatorEmulator, keyof FortiAuthenticatorKnobs>>({ log, faults, close }, {
    url: server.url,
    clientOptions: () => ({ baseUrl: server.url, ca: certificate.ca, ...FORTIAUTHENTICATOR_DEMO.confidentialApp, username: FORTIAUTHENTICATOR_DEMO.users.plain, password: FORTIAUTHENTICATOR_DEMO.password }),
    ca: certificate.ca,
    apps: resolved.apps,
    accounts: resolved.accounts,
    admins: resolved.admins,
    reset() {
      env.directory = new Directory(resolved);
      env.oauth.clear();
      env.otp.clear();
      env.push.clear();
      log.clear();
      faults.clear();
    },
  });
  // Copy the knobs as property descriptors: spreading would freeze their snapshot getters.
  return Object.defineProperties(handle, Object.getOwnPropertyDescriptors(createKnobs(env))) as FortiAuthenticatorEmulator;
}

/**
 * Renders a refusal: RFC 6749 `{error, error_description}` on the token endpoint; elsewhere
 * Tastypie's forms: an empty body for 401, 404 and 405, `{"error": ...}` for the rest.
 */
function sendError(res: ServerResponse, path: string, error: unknown): void {
  if (!(error instanceof HttpError)) throw error;
  if (res.headersSent || res.destroyed) return;
  if (path === TOKEN_PATH) {
    return sendJson(res, error.status, { error: error.code, error_description: error.description }, { "Cache-Control": "no-store", ...error.headers });
  }
  if (error.status === 401 || error.status === 404 || error.status === 405) {
    return sendEmpty(res, error.status, { "Content-Length": 0, ...error.headers });
  }
  sendJson(res, error.status, { error: error.description }, error.headers);
}

/** An operation no route here overrides: served from the spec, behind an admin key or a bearer token. */
function servedBySpec(operation: SpecOperation): FortiRoute {
  return { method: operation.method, path: operation.path, auth: "rest", handle: (ctx, env) => env.engine.serve(operation, ctx, ctx.input) };
}
