import type { EmulatorControls } from "../shared/emulator-controls.js";
import { FaultQueue } from "../shared/faults.js";
import type { FaultSpec } from "../shared/faults.js";
import type { LoopbackServer } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import type { RecordedRequest } from "../shared/request-log.js";
import { TokenIssuer } from "../shared/token-issuer.js";
import { SpecEngine } from "../spec/index.js";
import type { SpecOperation } from "../spec/index.js";
import type { Access, Environment, HostKind, SophosRoute } from "./context.js";
import { openApiDocument } from "./generated/openapi.js";
import { startHostServer } from "./host-server.js";
import { resolveOptions } from "./options.js";
import type { SophosCentralEmulatorOptions, SophosCredential } from "./options.js";
import { alertRoutes } from "./routes-alerts.js";
import { endpointRoutes } from "./routes-endpoints.js";
import { tenantRoutes, whoamiRoutes } from "./routes-identity.js";
import { isolationRoutes } from "./routes-isolation.js";
import { siemRoutes } from "./routes-siem.js";
import { tokenRoutes } from "./routes-token.js";
import { SophosWorld } from "./state.js";
import type { TenantRecord } from "./state.js";
import type { SophosAlert, SophosEndpoint, SophosPrincipalType, SophosTenant } from "./types.js";

/** A fault for one host (`"id"`, `"global"` or a region such as `"eu01"`), or for any host. */
export interface SophosFaultSpec extends FaultSpec {
  /** Which host it hits. Default: every host. */
  host?: string;
}

/**
 * A running Sophos Central emulator: an identity host, the global host and one host per data
 * region. `requests` and `clearFaults()` cover every host; `close()` stops every host;
 * `injectFault` takes a {@link SophosFaultSpec}, which can aim a fault at one host.
 */
export interface SophosCentralEmulator extends EmulatorControls<SophosFaultSpec> {
  /** The global API host; use it as the client's `baseUrl`. Same as `globalUrl`. */
  readonly url: string;
  /**
   * Options for the vendor's client factory that sign in here with the credential of one kind of
   * caller — the tenant's by default; a partner or organization lists its tenants and picks one
   * with `forTenant`: `create…Client(emulator.clientOptions("partner"))`.
   */
  clientOptions(kind?: SophosPrincipalType): { baseUrl: string; idUrl: string; clientId: string; clientSecret: string };
  /** The identity host; use it as the client's `idUrl`. */
  readonly idUrl: string;
  readonly globalUrl: string;
  /** Data-region hosts by region name, e.g. `{ eu01: "http://127.0.0.1:53125" }`. */
  readonly regionUrls: Readonly<Record<string, string>>;
  /** The accepted credentials, per kind of caller. */
  readonly credentials: Readonly<Record<SophosPrincipalType, SophosCredential>>;
  /** The `whoami` id of each credential. */
  readonly ids: Readonly<Record<SophosPrincipalType, string>>;
  /** A snapshot of the partner's tenants, as the partner tenant list shows them. */
  readonly tenants: readonly SophosTenant[];
  /** A tenant of another partner and organization: our credentials get 403 for it. */
  readonly foreignTenantId: string;
  /** Requests to one host: `"id"`, `"global"` or a region name. */
  requestsTo(host: string): readonly RecordedRequest[];
  /** Requests to a route key such as `"GET /whoami/v1"`, on every host or on `host`; no route: all requests. */
  count(route?: string, host?: string): number;
  /** Expires every token issued so far: the next call with one gets 401. */
  expireTokens(): void;
  /** Revokes one access token. Returns whether the emulator had issued it. */
  revokeToken(token: string): boolean;
  /** Issues an access token for a credential without an HTTP request (test set-up; not counted as a token request). */
  issueToken(kind: SophosPrincipalType): string;
  /** Adds `count` SIEM events created now to a tenant's event feed. */
  appendSiemEvents(tenantId: string, count: number): void;
  /** Adds `count` SIEM alerts created now to a tenant's alert feed. */
  appendSiemAlerts(tenantId: string, count: number): void;
  /** A snapshot of a tenant's endpoints (full view), in creation order. */
  endpoints(tenantId: string): readonly SophosEndpoint[];
  /** A snapshot of a tenant's open alerts. */
  alerts(tenantId: string): readonly SophosAlert[];
  /** Restores the seeded data; forgets tokens, recorded requests and pending faults. */
  reset(): void;
}

/**
 * Starts an emulator of Sophos Central on 127.0.0.1: the identity host (`POST
 * /api/v2/oauth2/token`), the global host (`whoami`, partner and organization tenants) and one
 * data-region host per region (endpoints, alerts, SIEM), each on its own port, as strict about
 * hosts and identity headers as the real service. Close it when done.
 */
export async function startSophosCentralEmulator(options: SophosCentralEmulatorOptions = {}): Promise<SophosCentralEmulator> {
  const resolved = resolveOptions(options);
  const lifetime = new AbortController();
  const all: RecordedRequest[] = [];
  const logs = new Map<string, RequestLog>();
  const faults = new Map<string, FaultQueue>();
  const anyHost = new FaultQueue();
  const holder: { env?: Environment } = {};
  const servers = new Map<string, LoopbackServer>();

  const start = async (name: string, host: HostKind, routes: readonly SophosRoute[]) => {
    logs.set(name, new RequestLog());
    faults.set(name, new FaultQueue());
    const server = await startHostServer({
      host, routes, all, log: logs.get(name)!, faults: [faults.get(name)!, anyHost], signal: lifetime.signal, tls: resolved.tls, cors: resolved.cors,
      env: () => holder.env!,
    });
    servers.set(name, server);
    return server.url;
  };
  // Endpoints are served by hand (filters, isolation, tamper protection); spec-served paths that
  // name an endpoint (group membership, forensic logs, memory dumps) look it up there.
  const endpointOf = (id: string, tenantId: string) => {
    const endpoint = holder.env?.world.tenant(tenantId)?.data.endpoint(id);
    return endpoint && { ...endpoint };
  };
  const engine = new SpecEngine(openApiDocument, {
    seed: resolved.seed, count: resolved.count, jobs: resolved.jobs, external: { "/endpoint/v1/endpoints": endpointOf },
  });
  const handWritten = [...tokenRoutes, ...whoamiRoutes, ...tenantRoutes, ...endpointRoutes, ...isolationRoutes, ...alertRoutes, ...siemRoutes];
  const routes = engine.routes(handWritten, servedBySpec);
  const routesFor = (...access: Access[]) => routes.filter((route) => access.includes(route.access));
  try {
    const idUrl = await start("id", { kind: "id" }, routesFor("token"));
    // Partner and organization paths live on the global host, tenant paths on the tenant's data-region host; whoami on both.
    const globalUrl = await start("global", { kind: "global" }, routesFor("whoami", "partner", "organization"));
    const regions: Record<string, string> = {};
    for (const region of resolved.regions) {
      regions[region] = await start(region, { kind: "region", region }, routesFor("whoami", "tenant"));
    }
    holder.env = {
      engine,
      options: resolved,
      world: new SophosWorld(resolved, regions),
      tokens: new TokenIssuer({ ttlSeconds: resolved.tokenTtlSeconds }),
      urls: { id: idUrl, global: globalUrl, regions },
    };
  } catch (error) {
    lifetime.abort();
    await Promise.all([...servers.values()].map((server) => server.close()));
    throw error;
  }
  const env = holder.env;
  const tenant = (id: string): TenantRecord => {
    const found = env.world.tenant(id);
    if (!found) throw new TypeError(`Unknown tenant ${id}`);
    return found;
  };
  const clearFaults = () => {
    anyHost.clear();
    for (const queue of faults.values()) queue.clear();
  };
  const amount = (name: string, count: number) => {
    if (!Number.isSafeInteger(count) || count < 0) throw new TypeError(`${name}: count must be an integer >= 0`);
    return count;
  };

  return {
    url: env.urls.global,
    clientOptions: (kind = "tenant") => {
      const credential = resolved.credentials[kind];
      if (!credential) throw new TypeError(`clientOptions: kind must be "tenant", "partner" or "organization"`);
      return { baseUrl: env.urls.global, idUrl: env.urls.id, clientId: credential.clientId, clientSecret: credential.clientSecret };
    },
    idUrl: env.urls.id,
    globalUrl: env.urls.global,
    regionUrls: env.urls.regions,
    credentials: resolved.credentials,
    get ids() {
      return Object.fromEntries(env.world.principals.map((p) => [p.type, p.id])) as Record<SophosPrincipalType, string>;
    },
    get tenants() {
      return structuredClone(env.world.tenants.map((record) => record.tenant));
    },
    get foreignTenantId() {
      return env.world.foreignTenant.tenant.id;
    },
    async close() {
      lifetime.abort();
      await Promise.all([...servers.values()].map((server) => server.close()));
    },
    get requests() {
      return all;
    },
    requestsTo(host) {
      return logs.get(host)?.entries ?? [];
    },
    clearRequests() {
      all.length = 0;
      for (const log of logs.values()) log.clear();
    },
    count(route, host) {
      const selected = host === undefined ? [...logs.values()] : [logs.get(host)].filter((log) => log !== undefined);
      return selected.reduce((sum, log) => sum + log.count(route), 0);
    },
    injectFault(fault) {
      const { host, ...spec } = fault;
      const queue = host === undefined ? anyHost : faults.get(host);
      if (!queue) throw new TypeError(`injectFault: unknown host "${host}"; use id, global or one of ${Object.keys(env.urls.regions).join(", ")}`);
      queue.inject(spec);
    },
    clearFaults,
    expireTokens: () => env.tokens.expireAll(),
    revokeToken: (token) => env.tokens.revoke(token),
    issueToken(kind) {
      const principal = env.world.principal(kind);
      return env.tokens.issue(principal.clientId, ["token"], principal.id).token;
    },
    appendSiemEvents: (tenantId, count) => tenant(tenantId).data.appendSiemEvents(amount("appendSiemEvents", count)),
    appendSiemAlerts: (tenantId, count) => tenant(tenantId).data.appendSiemAlerts(amount("appendSiemAlerts", count)),
    endpoints: (tenantId) => structuredClone(tenant(tenantId).data.endpoints),
    alerts: (tenantId) => structuredClone(tenant(tenantId).data.alerts),
    reset() {
      env.world = new SophosWorld(resolved, env.urls.regions);
      env.tokens.clear();
      all.length = 0;
      for (const log of logs.values()) log.clear();
      clearFaults();
    },
  };
}

/** An operation no route here overrides: served from the spec, behind the identity header its `security` pairs with the token. */
function servedBySpec(operation: SpecOperation): SophosRoute {
  const schemes = new Set(operation.security.flatMap((requirement) => Object.keys(requirement)));
  const access = schemes.has("tenantHeader") ? "tenant" : schemes.has("partnerHeader") ? "partner" : schemes.has("organizationHeader") ? "organization" : "whoami";
  // Each tenant has its own data, as each tenant's data lives apart in Sophos Central.
  return { method: operation.method, path: operation.path, access, handle: (ctx, env, caller) => env.engine.serve(operation, ctx, ctx.input, caller.tenant?.tenant.id ?? caller.principal.id) };
}
