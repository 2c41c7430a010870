import type { TlsOptions } from "../shared/loopback-server.js";
import { FORCEPOINT_ONE_LOG_TYPES, FORCEPOINT_ONE_SCOPES } from "./types.js";
import type { ForcepointOneLogType, ForcepointOneScope } from "./types.js";
import { count } from "../shared/option-checks.js";

/** An OAuth access token the emulator accepts, with the permissions of its application. */
export interface ForcepointOneToken {
  /** The token string, sent as `Authorization: Bearer <token>`. Never echoed by the emulator. */
  token: string;
  /** Permissions. Default: all (`logs`, `config`, `scim`). */
  scopes?: readonly ForcepointOneScope[];
}

/** An administrator account for HTTP Basic (`Authorization: Basic base64(username:password)`). */
export interface ForcepointOneAccount {
  /** User name (an e-mail address). */
  username: string;
  /** Password. Never echoed by the emulator. */
  password: string;
}

/**
 * Demo credentials the emulator accepts by default. Clearly fake values, safe to commit in tests
 * and examples; they work only against the emulator.
 */
export const FORCEPOINT_ONE_DEMO_CREDENTIALS = {
  /** 30 characters, like the portal's tokens. */
  token: "secfetchDemoTokenNotARealToken",
  username: "api-admin@example.com",
  password: "secfetch-demo-password-not-a-real-one",
} as const;

/** Records per log type seeded when `logs` leaves a type out. */
export const DEFAULT_LOG_COUNTS: Readonly<Record<ForcepointOneLogType, number>> = {
  access: 250,
  cloudaudit: 120,
  cloudsummary: 60,
  admin: 40,
  swgweb: 250,
  swgwebdlp: 60,
  healthproxy: 30,
  healthapi: 30,
  healthsystem: 30,
  ztna: 30,
};

/** What `nextpagetoken` an empty log page carries. */
export type EmptyPageToken = "empty-object" | "empty-string" | "repeat";

/** Options of `startForcepointOneEmulator`. Every option is optional. */
export interface ForcepointOneEmulatorOptions {
  /** Bearer tokens accepted (they never expire). Default: `[FORCEPOINT_ONE_DEMO_CREDENTIALS.token]` with all scopes. */
  tokens?: readonly (string | ForcepointOneToken)[];
  /** Administrator accounts accepted with HTTP Basic (all permissions, no SCIM). Default: the demo account. */
  users?: readonly ForcepointOneAccount[];
  /** Records seeded per log type. Default: {@link DEFAULT_LOG_COUNTS} for each type left out. */
  logs?: Partial<Record<ForcepointOneLogType, number>>;
  /** Records per log page. Default `100` (the real page size is not documented). */
  pageSize?: number;
  /** Requests allowed in any 1-second window before 429 with `Retry-After`; `null` turns it off. Default `10`. */
  rateLimitPerSecond?: number | null;
  /** Seed of the generated logs and directory; the same seed gives the same data. Default `1`. */
  seed?: number;
  /** Seeded logs are dated in the 30 days before this instant. Default `2025-01-01T00:00:00.000Z`. */
  seedTime?: Date | string;
  /** Refuse a `cv` below a type's minimum (`swgweb*` 1.1.0, health and `ztna` 1.1.5) with 400. Default `true`. */
  enforceCvMinimums?: boolean;
  /**
   * The `nextpagetoken` of an empty page: `"empty-object"` = `e30=` (base64 of `{}`, what the
   * official collector meets), `"empty-string"` = `""`, `"repeat"` = the token that was sent.
   * Default `"empty-object"`.
   */
  emptyPageToken?: EmptyPageToken;
  /** E-mail domains of the company: config API and SCIM users must have a work address in one. Default `["example.com"]`. */
  companyDomains?: readonly string[];
  /** Admin roles that exist besides `none`. Default `["Full Admin", "Read Only Admin"]`. */
  adminRoles?: readonly string[];
  /** Directory seeded at start: users and groups. Default `{ users: 25, groups: 4 }`. */
  directory?: { users?: number; groups?: number };
  /** Config API calls allowed per UTC day. Default `1000`. */
  configDailyQuota?: number;
  /** Default and largest SCIM `count`. Default `100`. */
  scimPageSize?: number;
  /** Items each collection served from the spec alone starts with. Default `10`. */
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
  tokens: ReadonlyArray<{ token: string; scopes: readonly ForcepointOneScope[] }>;
  users: readonly ForcepointOneAccount[];
  logs: Readonly<Record<ForcepointOneLogType, number>>;
  pageSize: number;
  rateLimitPerSecond: number | null;
  seed: number;
  seedTime: number;
  enforceCvMinimums: boolean;
  emptyPageToken: EmptyPageToken;
  companyDomains: readonly string[];
  adminRoles: readonly string[];
  directory: { users: number; groups: number };
  configDailyQuota: number;
  scimPageSize: number;
  count: number;
  port: number;
  tls: TlsOptions | undefined;
  cors: boolean;
}

export function resolveOptions(options: ForcepointOneEmulatorOptions): ResolvedOptions {
  const tokens = (options.tokens ?? [FORCEPOINT_ONE_DEMO_CREDENTIALS.token]).map((entry) => {
    const { token, scopes = FORCEPOINT_ONE_SCOPES } = typeof entry === "string" ? { token: entry } : entry;
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) throw new TypeError("Each token must be a non-empty RFC 6750 token (no spaces or colons)");
    for (const scope of scopes) {
      if (!FORCEPOINT_ONE_SCOPES.includes(scope)) throw new TypeError(`Unknown scope "${String(scope)}"`);
    }
    return { token, scopes: [...scopes] };
  });
  const users = (options.users ?? [FORCEPOINT_ONE_DEMO_CREDENTIALS]).map(({ username, password }) => {
    if (!username || !password || username.includes(":")) throw new TypeError("Each account needs a username (without ':') and a password");
    return { username, password };
  });
  const logs = { ...DEFAULT_LOG_COUNTS };
  for (const [type, n] of Object.entries(options.logs ?? {})) {
    if (!(FORCEPOINT_ONE_LOG_TYPES as readonly string[]).includes(type)) throw new TypeError(`Unknown log type "${type}"`);
    logs[type as ForcepointOneLogType] = count(`logs.${type}`, n ?? 0, 0);
  }
  const rate = options.rateLimitPerSecond === undefined ? 10 : options.rateLimitPerSecond;
  const seedTime = new Date(options.seedTime ?? "2025-01-01T00:00:00.000Z").getTime();
  if (Number.isNaN(seedTime)) throw new TypeError("seedTime is not a valid date");
  const emptyPageToken = options.emptyPageToken ?? "empty-object";
  if (!["empty-object", "empty-string", "repeat"].includes(emptyPageToken)) throw new TypeError("emptyPageToken must be empty-object, empty-string or repeat");
  const companyDomains = (options.companyDomains ?? ["example.com"]).map((domain) => domain.toLowerCase());
  if (companyDomains.length === 0) throw new TypeError("companyDomains must not be empty");
  return {
    tokens,
    users,
    logs,
    pageSize: count("pageSize", options.pageSize ?? 100, 1),
    rateLimitPerSecond: rate === null ? null : count("rateLimitPerSecond", rate, 1),
    seed: count("seed", options.seed ?? 1, 0),
    seedTime,
    enforceCvMinimums: options.enforceCvMinimums ?? true,
    emptyPageToken,
    companyDomains,
    adminRoles: [...(options.adminRoles ?? ["Full Admin", "Read Only Admin"])],
    directory: {
      users: count("directory.users", options.directory?.users ?? 25, 0),
      groups: count("directory.groups", options.directory?.groups ?? 4, 0),
    },
    configDailyQuota: count("configDailyQuota", options.configDailyQuota ?? 1000, 0),
    scimPageSize: count("scimPageSize", options.scimPageSize ?? 100, 1),
    count: count("count", options.count ?? 10, 0),
    port: count("port", options.port ?? 0, 0),
    tls: options.tls,
    cors: options.cors ?? false,
  };
}

