import { withEmulatorControls } from "../shared/emulator-controls.js";
import type { EmulatorControls } from "../shared/emulator-controls.js";
import { FaultQueue } from "../shared/faults.js";
import { startLoopbackServer } from "../shared/loopback-server.js";
import { RequestLog } from "../shared/request-log.js";
import { azureHandler } from "./azure-server.js";
import { AzureTokens } from "./azure-tokens.js";
import type { Environment } from "./context.js";
import { EntityStore } from "./entity-store.js";
import { insightHandler } from "./insight-server.js";
import { ENNOV_INSIGHT_DEMO_CREDENTIALS, resolveOptions } from "./options.js";
import type { EnnovInsightEmulatorOptions, ResolvedOptions } from "./options.js";
import { seedEntities } from "./seed.js";
import { SessionStore } from "./sessions.js";
import type { EnnovInsightApplication, EnnovInsightEntityName, EnnovInsightEvent, EnnovInsightEventCountry, EnnovInsightLicense } from "./types.js";
import { SpecEngine } from "../spec/index.js";
import { openApiDocument } from "./generated/openapi.js";

/**
 * A running Ennov InSight emulator: an Entra ID token server and an InSight server, sharing one
 * request log and one fault queue (a fault is served by whichever server receives a matching
 * request first). Its route keys look like `"POST /{tenantId}/oauth2/v2.0/token"`,
 * `"GET /insight/api/v2/token"`, `"POST /insight/api/v2/login"` or
 * `"POST /insight/api/v2/event/{id}/delete"`.
 */
export interface EnnovInsightEmulator extends EmulatorControls {
  /** The InSight server's host root (no trailing slash), e.g. `http://127.0.0.1:53124`: the client's `baseUrl`. */
  readonly url: string;
  /** Options for the vendor's client factory that sign in here with the demo Entra app and user: `create…Client(emulator.clientOptions())`. */
  clientOptions(): { baseUrl: string; loginUrl: string; tenantId: string; clientId: string; clientSecret: string; username: string; password: string };
  /** The emulated Entra ID authority (no trailing slash): the client's `loginUrl`. */
  readonly loginUrl: string;
  /** The accepted tenants, apps and users, and the other options, with defaults applied. */
  readonly options: Readonly<ResolvedOptions>;
  /** Expires every Entra ID access token issued so far: a login with one gets 401. Sessions already signed in live on. */
  expireTokens(): void;
  /** Ends every InSight session: the next entity call with one gets 401. */
  expireSessions(): void;
  /** Live InSight sessions: waiting for login (`anonymous`) and signed in (`authenticated`). */
  readonly sessionCounts: { readonly anonymous: number; readonly authenticated: number };
  /** Snapshots of the data, ordered by id. */
  readonly applications: readonly EnnovInsightApplication[];
  readonly events: readonly EnnovInsightEvent[];
  readonly eventCountries: readonly EnnovInsightEventCountry[];
  readonly licenses: readonly EnnovInsightLicense[];
  /** Restores the seeded data; forgets tokens, sessions, recorded requests and pending faults. */
  reset(): void;
}

/**
 * Starts an emulator of Ennov InSight's REST API v2 and of the Microsoft Entra ID token endpoint
 * it signs in through, both on 127.0.0.1. Close it when done.
 */
export async function startEnnovInsightEmulator(options: EnnovInsightEmulatorOptions = {}): Promise<EnnovInsightEmulator> {
  const resolved = resolveOptions(options);
  const lifetime = new AbortController();
  let loginUrl = "";
  const freshStore = () => {
    const store = new EntityStore();
    seedEntities(store, resolved.applications, resolved.seed, resolved.seedTime);
    return store;
  };
  const env: Environment = {
    options: resolved,
    tokens: new AzureTokens(() => loginUrl),
    sessions: new SessionStore(resolved.sessionTtlMs),
    store: freshStore(),
    log: new RequestLog(),
    faults: new FaultQueue(),
    signal: lifetime.signal,
    engine: new SpecEngine(openApiDocument, { seed: resolved.seed, count: resolved.count }),
  };

  const azure = await startLoopbackServer(azureHandler(env), { port: resolved.loginPort, tls: resolved.tls, cors: resolved.cors });
  loginUrl = azure.url;
  const server = await startLoopbackServer(insightHandler(env), { port: resolved.port, tls: resolved.tls, cors: resolved.cors }).catch(async (error: unknown) => {
    await azure.close();
    throw error;
  });
  const snapshot = <T>(entity: EnnovInsightEntityName) => env.store.all(entity) as unknown as T[];

  const close = async () => {
    lifetime.abort();
    await Promise.all([server.close(), azure.close()]);
  };
  return withEmulatorControls<EnnovInsightEmulator>({ log: env.log, faults: env.faults, close }, {
    url: server.url,
    clientOptions: () => ({ baseUrl: server.url, loginUrl: azure.url, ...ENNOV_INSIGHT_DEMO_CREDENTIALS }),
    loginUrl: azure.url,
    options: resolved,
    expireTokens: () => env.tokens.expireAll(),
    expireSessions: () => env.sessions.expireAll(),
    get sessionCounts() {
      return env.sessions.counts();
    },
    get applications() {
      return snapshot<EnnovInsightApplication>("application");
    },
    get events() {
      return snapshot<EnnovInsightEvent>("event");
    },
    get eventCountries() {
      return snapshot<EnnovInsightEventCountry>("event-country");
    },
    get licenses() {
      return snapshot<EnnovInsightLicense>("license");
    },
    reset() {
      env.store = freshStore();
      env.tokens.clear();
      env.sessions.clear();
      env.log.clear();
      env.faults.clear();
    },
  });
}
