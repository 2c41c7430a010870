import type { TlsOptions } from "../shared/loopback-server.js";
import type { JobSettings } from "../spec/jobs.js";
import type { SophosPrincipalType } from "./types.js";
import { count } from "../shared/option-checks.js";

/** A client id and secret. */
export interface SophosCredential {
  clientId: string;
  /** Never echoed by the emulator. */
  clientSecret: string;
}

/**
 * The demo API credentials the emulator accepts by default, one per kind of caller. Clearly fake
 * values, safe to commit in tests and examples; they work only against the emulator.
 */
export const SOPHOS_CENTRAL_DEMO_CREDENTIALS = {
  tenant: { clientId: "secfetch-demo-tenant-client", clientSecret: "secfetch-demo-tenant-secret-not-real" },
  partner: { clientId: "secfetch-demo-partner-client", clientSecret: "secfetch-demo-partner-secret-not-real" },
  organization: { clientId: "secfetch-demo-organization-client", clientSecret: "secfetch-demo-organization-secret-not-real" },
} as const satisfies Record<SophosPrincipalType, SophosCredential>;

/** One tenant to seed. */
export interface SophosTenantSeed {
  /** Data region (e.g. `eu01`), served by its own host; `null` = not provisioned (no `apiHost`, no `dataRegion`). */
  region: string | null;
  /** Tenant name. Default: `Customer <n>`. */
  name?: string;
  /** Number of endpoints. Default `12`. */
  endpoints?: number;
  /** Number of open Common API alerts. Default `8`. */
  alerts?: number;
  /** Number of SIEM events, dated in the last 23 hours. Default `40`. */
  siemEvents?: number;
  /** Number of SIEM alerts, dated in the last 23 hours. Default `10`. */
  siemAlerts?: number;
  /** Billing type. Default `term`. */
  billingType?: "trial" | "term" | "usage";
  /**
   * Whether the partner credential may call this tenant's APIs. `false` models a tenant listed
   * for the partner but unmanaged (or a trial, or Partner Assistance off): its calls answer 403.
   * Default `true`.
   */
  partnerManaged?: boolean;
  /** Whether the tenant belongs to the organization credential's organization. Default `true`. */
  inOrganization?: boolean;
}

/**
 * The default tenants: seven over `eu01` and `us01`, of different sizes. The tenant credential
 * belongs to the first one.
 */
export const SOPHOS_CENTRAL_DEFAULT_TENANTS: readonly SophosTenantSeed[] = [
  { region: "eu01", endpoints: 30 },
  { region: "eu01", endpoints: 5 },
  { region: "us01", endpoints: 12 },
  { region: "eu01", endpoints: 0, alerts: 0 },
  { region: "us01", endpoints: 7, billingType: "trial" },
  { region: "us01", endpoints: 3, billingType: "usage" },
  { region: "eu01", endpoints: 2 },
];

/** Options of `startSophosCentralEmulator`. Every option is optional. */
export interface SophosCentralEmulatorOptions {
  /** Credentials per kind of caller. Default: `SOPHOS_CENTRAL_DEMO_CREDENTIALS`. */
  credentials?: Partial<Record<SophosPrincipalType, SophosCredential>>;
  /** Tenants of the partner (and, unless a seed says otherwise, of the organization). Default: `SOPHOS_CENTRAL_DEFAULT_TENANTS`. */
  tenants?: readonly SophosTenantSeed[];
  /** Extra data regions to serve even without tenants in them (e.g. `["eu02"]`). Default: none. */
  extraRegions?: readonly string[];
  /** Token lifetime in seconds, sent as `expires_in`. Default `3600`. */
  tokenTtlSeconds?: number;
  /**
   * Milliseconds an isolation change stays "in progress"; another change of the same endpoint
   * within that time answers 409. Default `0` (never 409).
   */
  isolationPendingMs?: number;
  /** Seed of the generated data; the same seed gives the same ids and data. Default `1`. */
  seed?: number;
  /** Items each collection served from the spec alone starts with, per tenant. Default `10`. */
  count?: number;
  /**
   * How jobs (XDR Data Lake, Live Discover and detection runs, forensic log and memory dump collections) behave: how many status reads a
   * run answers as still running (default 2; `Infinity`: it never finishes), and whether it ends
   * with `result: succeeded` (default) or `failed`.
   */
  jobs?: JobSettings;
  /** Serve HTTPS on every host with this key and certificate (for 127.0.0.1). Default: plain HTTP. */
  tls?: TlsOptions;
  /** Answer browsers\' CORS checks for any origin, for a client tested in a page. Default: `false`, as most vendor APIs. */
  cors?: boolean;
}

/** Options with every default applied and validated. */
export interface ResolvedOptions {
  credentials: Record<SophosPrincipalType, SophosCredential>;
  tenants: ReadonlyArray<Required<Omit<SophosTenantSeed, "name">> & { name: string }>;
  regions: readonly string[];
  tokenTtlSeconds: number;
  isolationPendingMs: number;
  seed: number;
  count: number;
  jobs: JobSettings;
  tls: TlsOptions | undefined;
  cors: boolean;
}

const REGION = /^[a-z]{2}\d{2}$/;

export function resolveOptions(options: SophosCentralEmulatorOptions): ResolvedOptions {
  const credentials = { ...SOPHOS_CENTRAL_DEMO_CREDENTIALS, ...options.credentials };
  const ids = Object.values(credentials).map((credential) => {
    if (!credential.clientId || !credential.clientSecret) throw new TypeError("Each credential needs a clientId and a clientSecret");
    return credential.clientId;
  });
  if (new Set(ids).size !== ids.length) throw new TypeError("clientIds must be unique across the three credentials");

  const tenants = (options.tenants ?? SOPHOS_CENTRAL_DEFAULT_TENANTS).map((seed, index) => {
    if (seed.region !== null && !REGION.test(seed.region)) throw new TypeError(`Tenant ${index + 1}: region must look like eu01, or be null`);
    return {
      region: seed.region,
      name: seed.name ?? `Customer ${index + 1}`,
      endpoints: count("endpoints", seed.endpoints ?? 12),
      alerts: count("alerts", seed.alerts ?? 8),
      siemEvents: count("siemEvents", seed.siemEvents ?? 40),
      siemAlerts: count("siemAlerts", seed.siemAlerts ?? 10),
      billingType: seed.billingType ?? "term",
      partnerManaged: seed.partnerManaged ?? true,
      inOrganization: seed.inOrganization ?? true,
    };
  });
  if (tenants[0]?.region == null) throw new TypeError("The first tenant (the tenant credential's own) must have a region");
  for (const region of options.extraRegions ?? []) if (!REGION.test(region)) throw new TypeError(`extraRegions: "${region}" must look like eu01`);
  const regions = [...new Set([...tenants.flatMap((t) => (t.region ? [t.region] : [])), ...(options.extraRegions ?? [])])];

  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!Number.isSafeInteger(ttl) || ttl < 1) throw new TypeError("tokenTtlSeconds must be an integer >= 1");
  return {
    credentials,
    tenants,
    regions,
    tokenTtlSeconds: ttl,
    isolationPendingMs: count("isolationPendingMs", options.isolationPendingMs ?? 0),
    seed: count("seed", options.seed ?? 1),
    count: count("count", options.count ?? 10),
    jobs: { ...options.jobs },
    tls: options.tls,
    cors: options.cors ?? false,
  };
}
