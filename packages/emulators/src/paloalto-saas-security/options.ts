import type { TlsOptions } from "../shared/loopback-server.js";
import { PALOALTO_SCOPES } from "./types.js";
import type { PaloAltoScope } from "./types.js";
import { count } from "../shared/option-checks.js";

/** An API client the emulator knows (Settings > External Service in the real console). */
export interface PaloAltoSaasSecurityOAuthClient {
  /** Client id, sent as the Basic user name. */
  clientId: string;
  /** Client secret, sent as the Basic password. Never echoed by the emulator. */
  clientSecret: string;
  /** Scopes this client may request. Default: all three (`api_access`, `incident_api`, `remediation_api`). */
  scopes?: readonly PaloAltoScope[];
  /** Tenant name reported in token answers. Default `"secfetch demo tenant"`. */
  tenant?: string;
}

/**
 * The demo API client the emulator accepts by default. Clearly fake values, safe to commit in
 * tests and examples; they work only against the emulator.
 */
export const PALOALTO_SAAS_SECURITY_DEMO_CLIENT = {
  clientId: "secfetch-demo-client",
  clientSecret: "secfetch-demo-secret-not-a-real-secret",
  scopes: PALOALTO_SCOPES,
  tenant: "secfetch demo tenant",
} as const satisfies PaloAltoSaasSecurityOAuthClient;

/** Options of `startPaloAltoSaasSecurityEmulator`. Every option is optional. */
export interface PaloAltoSaasSecurityEmulatorOptions {
  /** API clients allowed to request tokens. Default: `[PALOALTO_SAAS_SECURITY_DEMO_CLIENT]`. */
  clients?: readonly PaloAltoSaasSecurityOAuthClient[];
  /** Token lifetime in seconds, sent as `expires_in`. `null`: tokens never expire and `expires_in` is left out. Default `7199`. */
  tokenTtlSeconds?: number | null;
  /** Number of incidents to seed. Default `120`. */
  incidents?: number;
  /** Number of connected cloud apps to seed (at least 1). Default `4`. */
  apps?: number;
  /** Number of events initially in the log-event queue. Default `250`. */
  logEvents?: number;
  /** Seed of the generated data; the same seed gives the same incidents, apps and events. Default `1`. */
  seed?: number;
  /** Seeded incidents and events are dated in the 30 days before this instant. Default `2025-01-01T00:00:00.000Z`. */
  seedTime?: Date | string;
  /** Milliseconds a log-event call waits for new events before answering 204 on an empty queue (the real service waits about 20 s). Default `0`. */
  emptyQueueDelayMs?: number;
  /** How many status reads of a new remediation answer `pending` before it answers `success`. Default `1`. */
  remediationPendingReads?: number;
  /** Items each collection the spec serves without hand-written behaviour starts with. Default `10`. */
  count?: number;
  /** TCP port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
  /** Serve HTTPS with this key and certificate. Default: plain HTTP. */
  tls?: TlsOptions;
  /** Answer browsers\' CORS checks for any origin, for a client tested in a page. Default: `false`, as most vendor APIs. */
  cors?: boolean;
}

/** Options with every default applied and validated. */
export interface ResolvedOptions {
  clients: ReadonlyArray<Required<PaloAltoSaasSecurityOAuthClient>>;
  tokenTtlSeconds: number | null;
  incidents: number;
  apps: number;
  logEvents: number;
  seed: number;
  seedTime: number;
  emptyQueueDelayMs: number;
  remediationPendingReads: number;
  count: number;
  port: number;
  tls: TlsOptions | undefined;
  cors: boolean;
}

export function resolveOptions(options: PaloAltoSaasSecurityEmulatorOptions): ResolvedOptions {
  const clients = (options.clients ?? [PALOALTO_SAAS_SECURITY_DEMO_CLIENT]).map((client) => {
    if (!client.clientId || !client.clientSecret || client.clientId.includes(":")) {
      throw new TypeError("Each client needs a non-empty clientId (without ':') and clientSecret");
    }
    const scopes = [...(client.scopes ?? PALOALTO_SCOPES)];
    for (const scope of scopes) {
      if (!PALOALTO_SCOPES.includes(scope)) throw new TypeError(`Unknown scope "${scope}"`);
    }
    return { clientId: client.clientId, clientSecret: client.clientSecret, scopes, tenant: client.tenant ?? PALOALTO_SAAS_SECURITY_DEMO_CLIENT.tenant };
  });
  if (clients.length === 0) throw new TypeError("clients must not be empty");
  if (new Set(clients.map((c) => c.clientId)).size !== clients.length) throw new TypeError("clientIds must be unique");
  const ttl = options.tokenTtlSeconds === undefined ? 7199 : options.tokenTtlSeconds;
  if (ttl !== null) count("tokenTtlSeconds", ttl, 0);
  const seedTime = new Date(options.seedTime ?? "2025-01-01T00:00:00.000Z").getTime();
  if (Number.isNaN(seedTime)) throw new TypeError("seedTime is not a valid date");
  return {
    clients,
    tokenTtlSeconds: ttl,
    incidents: count("incidents", options.incidents ?? 120, 0),
    apps: count("apps", options.apps ?? 4, 1),
    logEvents: count("logEvents", options.logEvents ?? 250, 0),
    seed: count("seed", options.seed ?? 1, 0),
    seedTime,
    emptyQueueDelayMs: count("emptyQueueDelayMs", options.emptyQueueDelayMs ?? 0, 0),
    remediationPendingReads: count("remediationPendingReads", options.remediationPendingReads ?? 1, 0),
    count: count("count", options.count ?? 10, 0),
    port: count("port", options.port ?? 0, 0),
    tls: options.tls,
    cors: options.cors ?? false,
  };
}

