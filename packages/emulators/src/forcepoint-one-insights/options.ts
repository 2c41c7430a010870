import type { TlsOptions } from "../shared/loopback-server.js";
import { count } from "../shared/option-checks.js";

/** An API key the emulator accepts (Platform Services > Admin in the real portal). */
export interface ForcepointOneInsightsKey {
  /** The key, sent as `X-API-KEY`. Never echoed by the emulator. */
  apiKey: string;
  /** The tenant whose records the key's tokens export. Default `"secfetch-demo"`. */
  tenant?: string;
}

/** The demo key the emulator accepts by default: clearly fake, safe in tests and examples, good only here. */
export const FORCEPOINT_ONE_INSIGHTS_DEMO_KEY = {
  apiKey: "secfetch-demo-insights-key-not-a-real-key",
  tenant: "secfetch-demo",
} as const satisfies ForcepointOneInsightsKey;

/** Options of `startForcepointOneInsightsEmulator`. Every option is optional. */
export interface ForcepointOneInsightsEmulatorOptions {
  /** API keys that may be traded for tokens. Default: `[FORCEPOINT_ONE_INSIGHTS_DEMO_KEY]`. */
  keys?: readonly ForcepointOneInsightsKey[];
  /** How long a token lasts, in seconds (the service documents 59 minutes). Default `3540`. */
  tokenTtlSeconds?: number;
  /** Whether the token answer says how long the token lasts (`expires_in`); the real one may not. Default `false`. */
  sendExpiresIn?: boolean;
  /** Records seeded in each collection. Default `300`. */
  records?: number;
  /** Seeded records are spread over the 48 hours from this instant. Default `2025-08-26T00:00:00Z`. */
  seedTime?: Date | string;
  /** Seed of the generated records. Default `1`. */
  seed?: number;
  /** TCP ports on 127.0.0.1 of the platform (token) host and the tenant's Insights host. Default `0` (free ports). */
  portalPort?: number;
  port?: number;
  /** Serve HTTPS on both hosts with this key and certificate. Default: plain HTTP. */
  tls?: TlsOptions;
  /** Answer browsers\' CORS checks for any origin, for a client tested in a page. Default: `false`, as most vendor APIs. */
  cors?: boolean;
}

export interface ResolvedOptions {
  keys: ReadonlyArray<Required<ForcepointOneInsightsKey>>;
  tokenTtlSeconds: number;
  sendExpiresIn: boolean;
  records: number;
  seedTime: number;
  seed: number;
  portalPort: number;
  port: number;
  tls: TlsOptions | undefined;
  cors: boolean;
}

export function resolveOptions(options: ForcepointOneInsightsEmulatorOptions): ResolvedOptions {
  const keys = (options.keys ?? [FORCEPOINT_ONE_INSIGHTS_DEMO_KEY]).map((key) => {
    if (typeof key.apiKey !== "string" || key.apiKey === "") throw new TypeError("Each key needs a non-empty apiKey");
    return { apiKey: key.apiKey, tenant: key.tenant ?? FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.tenant };
  });
  if (keys.length === 0) throw new TypeError("keys must not be empty");
  const seedTime = new Date(options.seedTime ?? "2025-08-26T00:00:00Z").getTime();
  if (Number.isNaN(seedTime)) throw new TypeError("seedTime is not a valid date");
  return {
    keys,
    tokenTtlSeconds: count("tokenTtlSeconds", options.tokenTtlSeconds ?? 3540, 1),
    sendExpiresIn: options.sendExpiresIn ?? false,
    records: count("records", options.records ?? 300, 0),
    seedTime,
    seed: count("seed", options.seed ?? 1, 0),
    portalPort: count("portalPort", options.portalPort ?? 0, 0),
    port: count("port", options.port ?? 0, 0),
    tls: options.tls,
    cors: options.cors ?? false,
  };
}

