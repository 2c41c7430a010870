import type { TlsOptions } from "../shared/loopback-server.js";
import { count } from "../shared/option-checks.js";

/** An app registration in the emulated Microsoft Entra ID (a confidential client). */
export interface EnnovInsightAzureApp {
  /** Application (client) id, a GUID. */
  clientId: string;
  /** Client secret value. Never echoed by the emulator. */
  clientSecret: string;
  /** Tenant the app is registered in. Default: the first tenant. */
  tenantId?: string;
}

/** A work account in the emulated Microsoft Entra ID. */
export interface EnnovInsightAzureUser {
  /** User principal name (matched case-insensitively, as Entra ID does). */
  username: string;
  /** Password (case-sensitive). Never echoed by the emulator. */
  password: string;
  /** Tenant of the account. Default: the first tenant. */
  tenantId?: string;
  /** Conditional Access demands MFA: ROPC then fails with AADSTS50076 even with the right password. Default `false`. */
  mfa?: boolean;
}

/**
 * The demo tenant, app and user the emulator accepts by default, shaped so they can be spread
 * into `createEnnovInsightClient({ ...ENNOV_INSIGHT_DEMO_CREDENTIALS, baseUrl, loginUrl })`.
 * Clearly fake values; they work only against the emulator.
 */
export const ENNOV_INSIGHT_DEMO_CREDENTIALS = {
  tenantId: "0e22a7f5-0000-4000-8000-5ecf37c4de70",
  clientId: "c1e2a7f5-0000-4000-8000-5ecf37c4de71",
  clientSecret: "secfetch-demo-azure-secret-not-real",
  username: "insight.api@secfetch-demo.example",
  password: "secfetch-demo-password-not-real",
} as const;

/** A demo user whose sign-in needs MFA, so ROPC fails for it with AADSTS50076. Fake values. */
export const ENNOV_INSIGHT_DEMO_MFA_USER = {
  username: "mfa.user@secfetch-demo.example",
  password: "secfetch-demo-mfa-password-not-real",
  mfa: true,
} as const satisfies EnnovInsightAzureUser;

/** Options of `startEnnovInsightEmulator`. Every option is optional. */
export interface EnnovInsightEmulatorOptions {
  /** Directory (tenant) ids that exist; any other tenant in the token URL → AADSTS90002. Default: the demo tenant. */
  tenants?: readonly string[];
  /** App registrations. Default: the demo app. */
  apps?: readonly EnnovInsightAzureApp[];
  /** Work accounts. Default: the demo user and the demo MFA user. */
  users?: readonly EnnovInsightAzureUser[];
  /** The app registration InSight trusts: login accepts only access tokens issued for it. Default: the first app. */
  insightClientId?: string;
  /** Lifetime of Azure access tokens in seconds, sent as `expires_in`. Default `3599`. */
  tokenTtlSeconds?: number;
  /** `ext_expires_in` in seconds (Entra ID's extended lifetime during outages). Default: same as `tokenTtlSeconds`. */
  extExpiresInSeconds?: number;
  /** `error` code of the AADSTS50076 (MFA required) answer; both are seen in the wild. Default `"invalid_grant"`. */
  mfaError?: "invalid_grant" | "interaction_required";
  /** `GET /insight/api/v2/token` (and login) answer `{ token }` like older InSight releases instead of `{ xAuthToken }`. Default `false`. */
  legacyTokenField?: boolean;
  /**
   * Whether the session endpoints answer `Set-Cookie: JSESSIONID=…`. When `true`, login moves the
   * session to a new id (sent only in that cookie and the body); when `false`, login keeps the
   * pre-login id (the `xAuthToken`) and only the CSRF token changes. Default `true`.
   */
  sendSetCookie?: boolean;
  /** Idle lifetime of an InSight session in milliseconds; each accepted call renews it. Default `1_800_000` (30 min, Tomcat's default). */
  sessionTtlMs?: number;
  /** Number of applications to seed (each with events, event countries and licences). Default `6`. */
  applications?: number;
  /** Seed of the generated data. Default `1`. */
  seed?: number;
  /** Items each collection served from the spec alone starts with. Default `10`. */
  count?: number;
  /** Seeded dates lie around this instant. Default `2025-01-01T00:00:00.000Z`. */
  seedTime?: Date | string;
  /** TCP port of the InSight server on 127.0.0.1. Default `0` (a free port). */
  port?: number;
  /** TCP port of the Azure AD token server on 127.0.0.1. Default `0` (a free port). */
  loginPort?: number;
  /** Serve both servers over HTTPS with this key and certificate. Default: plain HTTP. */
  tls?: TlsOptions;
  /** Answer browsers\' CORS checks for any origin, for a client tested in a page. Default: `false`, as most vendor APIs. */
  cors?: boolean;
}

/** Options with every default applied and validated. */
export interface ResolvedOptions {
  tenants: readonly string[];
  apps: ReadonlyArray<Required<EnnovInsightAzureApp>>;
  users: ReadonlyArray<Required<EnnovInsightAzureUser>>;
  insightClientId: string;
  tokenTtlSeconds: number;
  extExpiresInSeconds: number;
  mfaError: "invalid_grant" | "interaction_required";
  legacyTokenField: boolean;
  sendSetCookie: boolean;
  sessionTtlMs: number;
  applications: number;
  seed: number;
  count: number;
  seedTime: number;
  port: number;
  loginPort: number;
  tls: TlsOptions | undefined;
  cors: boolean;
}

const DEMO = ENNOV_INSIGHT_DEMO_CREDENTIALS;

export function resolveOptions(options: EnnovInsightEmulatorOptions): ResolvedOptions {
  const tenants = [...(options.tenants ?? [DEMO.tenantId])].map((tenant) => tenant.toLowerCase());
  if (tenants.length === 0 || tenants.some((tenant) => !/^[a-z0-9][a-z0-9.-]*$/.test(tenant))) {
    throw new TypeError("tenants must be a non-empty list of tenant ids or domain names");
  }
  const tenantOf = (tenantId: string | undefined) => {
    const tenant = (tenantId ?? tenants[0]!).toLowerCase();
    if (!tenants.includes(tenant)) throw new TypeError(`Unknown tenant "${tenant}": add it to tenants`);
    return tenant;
  };
  const apps = (options.apps ?? [{ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret }]).map((app) => {
    if (!app.clientId || !app.clientSecret) throw new TypeError("Each app needs a clientId and a clientSecret");
    return { clientId: app.clientId.toLowerCase(), clientSecret: app.clientSecret, tenantId: tenantOf(app.tenantId) };
  });
  if (apps.length === 0) throw new TypeError("apps must not be empty");
  const defaultUsers: EnnovInsightAzureUser[] = [{ username: DEMO.username, password: DEMO.password }, ENNOV_INSIGHT_DEMO_MFA_USER];
  const users = (options.users ?? defaultUsers).map((user) => {
    if (!user.username || !user.password) throw new TypeError("Each user needs a username and a password");
    return { username: user.username, password: user.password, tenantId: tenantOf(user.tenantId), mfa: user.mfa ?? false };
  });
  const insightClientId = (options.insightClientId ?? apps[0]!.clientId).toLowerCase();
  if (!apps.some((app) => app.clientId === insightClientId)) throw new TypeError("insightClientId must name one of the apps");
  const ttl = count("tokenTtlSeconds", options.tokenTtlSeconds ?? 3599, 1);
  const seedTime = new Date(options.seedTime ?? "2025-01-01T00:00:00.000Z").getTime();
  if (Number.isNaN(seedTime)) throw new TypeError("seedTime is not a valid date");
  return {
    tenants,
    apps,
    users,
    insightClientId,
    tokenTtlSeconds: ttl,
    extExpiresInSeconds: count("extExpiresInSeconds", options.extExpiresInSeconds ?? ttl, 1),
    mfaError: options.mfaError ?? "invalid_grant",
    legacyTokenField: options.legacyTokenField ?? false,
    sendSetCookie: options.sendSetCookie ?? true,
    sessionTtlMs: count("sessionTtlMs", options.sessionTtlMs ?? 1_800_000, 1),
    applications: count("applications", options.applications ?? 6, 0),
    seed: count("seed", options.seed ?? 1, 0),
    count: count("count", options.count ?? 10, 0),
    seedTime,
    port: count("port", options.port ?? 0, 0),
    loginPort: count("loginPort", options.loginPort ?? 0, 0),
    tls: options.tls,
    cors: options.cors ?? false,
  };
}

