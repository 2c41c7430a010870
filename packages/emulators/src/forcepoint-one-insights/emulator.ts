import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { parseAuthorization } from "../shared/authorization.js";
import { withEmulatorControls } from "../shared/emulator-controls.js";
import type { EmulatorControls } from "../shared/emulator-controls.js";
import { FaultQueue } from "../shared/faults.js";
import { HttpError, sendJson } from "../shared/http-helpers.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import { createRequestHandler, type RequestContext } from "../shared/request-pipeline.js";
import { Router } from "../shared/router.js";
import { sameSecret, secretDigest } from "../shared/secrets.js";
import { SeededRandom } from "../shared/seeded-random.js";
import { TokenIssuer, type IssuedToken } from "../shared/token-issuer.js";
import { SpecEngine } from "../spec/index.js";
import { openApiDocument } from "./generated/openapi.js";
import { resolveOptions, type ForcepointOneInsightsEmulatorOptions, type ResolvedOptions } from "./options.js";
import { parseInsightsTime, seedRecords, type InsightsCollection, type InsightsRecord } from "./records.js";

const TOKEN_ROUTE = "/api/apikeys/token";
const EXPORT_ROUTE = "/api/export/{product}/{collection}";
const DAY_MS = 24 * 3600_000;

/**
 * A running Forcepoint ONE Insights emulator: the platform host that trades API keys for tokens
 * and the tenant's Insights host that exports records. Route keys look like
 * `"POST /api/apikeys/token"` and `"POST /api/export/{product}/{collection}"`.
 */
export interface ForcepointOneInsightsEmulator extends EmulatorControls {
  /** The tenant's Insights host: the client's `baseUrl`. */
  readonly url: string;
  /** Options for the vendor's client factory that sign in here with the first configured API key (the demo one by default): `create…Client(emulator.clientOptions())`. */
  clientOptions(): { baseUrl: string; portalUrl: string; apiKey: string };
  /** The platform host: the client's `portalUrl`. */
  readonly portalUrl: string;
  /** The API keys accepted, with defaults applied. */
  readonly keys: ResolvedOptions["keys"];
  /** Tokens issued so far, oldest first. */
  readonly tokens: readonly IssuedToken[];
  /** Expires every token issued so far: the next export with one gets 401. */
  expireTokens(): void;
  /** Revokes an API key: the platform refuses it from now on. */
  revokeKey(apiKey: string): void;
  /** A snapshot of one collection's records, oldest first. */
  records(collection: InsightsCollection): readonly InsightsRecord[];
  /** Restores the seeded records and forgets tokens, revoked keys, recorded requests and pending faults. */
  reset(): void;
}

interface Environment {
  readonly options: ResolvedOptions;
  readonly tokens: TokenIssuer;
  readonly engine: SpecEngine;
  readonly revoked: Set<string>;
  records: Map<InsightsCollection, InsightsRecord[]>;
}

type Handler = (ctx: RequestContext, env: Environment) => void;

/**
 * Starts an emulator of the Forcepoint ONE Insights export API on 127.0.0.1: two hosts, as
 * strict as the real service is documented to be (the key only in `X-API-KEY` on the platform
 * host, the bearer token only on the Insights host, at most 2000 records a call). Close it when done.
 */
export async function startForcepointOneInsightsEmulator(options: ForcepointOneInsightsEmulatorOptions = {}): Promise<ForcepointOneInsightsEmulator> {
  const resolved = resolveOptions(options);
  const fresh = () => seedRecords(new SeededRandom(resolved.seed), resolved.records, resolved.seedTime);
  const env: Environment = {
    options: resolved,
    tokens: new TokenIssuer({ ttlSeconds: resolved.tokenTtlSeconds }),
    engine: new SpecEngine(openApiDocument, { seed: resolved.seed }),
    revoked: new Set(),
    records: fresh(),
  };
  const log = new RequestLog();
  const faults = new FaultQueue();
  const lifetime = new AbortController();
  const hostHandler = (path: string, handler: Handler) =>
    createRequestHandler<Handler>({
      router: new Router<Handler>().add("POST", path, handler),
      log,
      faults,
      signal: lifetime.signal,
      faultBody: (status) => errorBody(STATUS_CODES[status] ?? "Injected fault"),
      onError: sendError,
      handle: (route, ctx) => route(ctx, env),
    });
  const portal = await startLoopbackServer(hostHandler(TOKEN_ROUTE, tradeKey), { port: resolved.portalPort, tls: resolved.tls, cors: resolved.cors });
  const insights = await startLoopbackServer(hostHandler(EXPORT_ROUTE, exportRecords), { port: resolved.port, tls: resolved.tls, cors: resolved.cors }).catch(async (error: unknown) => {
    await portal.close();
    throw error;
  });
  const close = async () => {
    lifetime.abort();
    await Promise.all([portal.close(), insights.close()]);
  };
  return withEmulatorControls<ForcepointOneInsightsEmulator>({ log, faults, close }, {
    url: insights.url,
    clientOptions: () => ({ baseUrl: insights.url, portalUrl: portal.url, apiKey: resolved.keys[0]!.apiKey }),
    portalUrl: portal.url,
    keys: resolved.keys,
    get tokens() {
      return env.tokens.issued;
    },
    expireTokens: () => env.tokens.expireAll(),
    revokeKey: (apiKey) => void env.revoked.add(apiKey),
    records: (collection) => structuredClone(env.records.get(collection) ?? []),
    reset() {
      env.records = fresh();
      env.tokens.clear();
      env.revoked.clear();
      log.clear();
      faults.clear();
    },
  });
}

/** `POST /api/apikeys/token`: exactly one `X-API-KEY` header with a known, unrevoked key. */
function tradeKey(ctx: RequestContext, env: Environment): void {
  env.engine.inputFor({ method: "POST", path: TOKEN_ROUTE }, ctx);
  const sent = ctx.req.headersDistinct["x-api-key"] ?? [];
  if (sent.length !== 1 || sent[0] === "") throw new HttpError(401, "missing_api_key", "Send the API key in one X-API-KEY header");
  if (ctx.req.headers.authorization !== undefined) throw new HttpError(400, "invalid_request", "The token request takes the API key in X-API-KEY, not an Authorization header");
  const key = env.options.keys.find((candidate) => sameSecret(candidate.apiKey, sent[0]!));
  if (!key || env.revoked.has(key.apiKey)) throw new HttpError(401, "invalid_api_key", "Invalid or revoked API key");
  const issued = env.tokens.issue(`key:${secretDigest(key.apiKey).toString("hex").slice(0, 12)}`, ["export"], key.tenant);
  const body: Record<string, unknown> = { token: `at_${issued.token}` };
  if (env.options.sendExpiresIn) body["expires_in"] = env.tokens.ttlSeconds;
  sendJson(ctx.res, 200, body, { "Cache-Control": "no-store" });
}

/** `POST /api/export/{product}/{collection}`: the records from `starttime` on, within 24 hours, `offset` from 1. */
function exportRecords(ctx: RequestContext, env: Environment): void {
  requireToken(ctx, env);
  const input = env.engine.inputFor({ method: "POST", path: EXPORT_ROUTE }, ctx);
  const body = input.body as { fields?: Array<{ name: string }>; starttime: string; offset?: number; limit?: number; filters?: Record<string, { eq?: string[] }> };
  const from = parseInsightsTime(body.starttime);
  if (from === undefined) throw new HttpError(400, "invalid_starttime", "starttime must be a UTC date and time as YYYY-MM-DD HH:MM:SS");
  const collection = String(input.path["collection"]) as InsightsCollection;
  const matching = (env.records.get(collection) ?? []).filter((record) => {
    const time = parseInsightsTime(String(record["eventTime"]))!;
    if (time < from || time >= from + DAY_MS) return false;
    return Object.entries(body.filters ?? {}).every(([field, test]) => test.eq === undefined || test.eq.includes(String(record[field])));
  });
  const offset = body.offset ?? 1;
  const limit = body.limit ?? 2000;
  const names = (body.fields ?? []).map((field) => field.name);
  const page = matching.slice(offset - 1, offset - 1 + limit).map((record) => (names.length === 0 ? record : Object.fromEntries(names.filter((name) => name in record).map((name) => [name, record[name]!]))));
  sendJson(ctx.res, 200, { data: page });
}

function requireToken(ctx: RequestContext, env: Environment): void {
  const auth = parseAuthorization(ctx.req);
  if (auth.scheme !== "bearer") throw new HttpError(401, "unauthorized", auth.scheme === "invalid" ? `${auth.reason}; expected "Bearer <token>"` : 'Send "Authorization: Bearer <token>"');
  if (ctx.req.headers["x-api-key"] !== undefined) throw new HttpError(400, "invalid_request", "The Insights host takes the bearer token only, not the API key");
  const found = auth.token.startsWith("at_") ? env.tokens.lookup(auth.token.slice(3)) : { status: "unknown" as const };
  if (found.status === "expired") throw new HttpError(401, "token_expired", "The access token has expired");
  if (found.status !== "valid") throw new HttpError(401, "invalid_token", "Invalid access token");
}

function errorBody(message: string, code?: string): Record<string, string> {
  return code === undefined ? { message } : { code, message };
}

function sendError(res: ServerResponse, _path: string, error: unknown): void {
  if (!(error instanceof HttpError)) throw error;
  if (res.headersSent || res.destroyed) return;
  sendJson(res, error.status, errorBody(error.description, error.code), error.headers);
}
