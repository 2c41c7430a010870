import type { TlsOptions } from "../shared/loopback-server.js";
import type { FortiAuthenticatorGrant, FortiAuthenticatorMfaMethod } from "./types.js";
import { count } from "../shared/option-checks.js";

/** An OAuth application ("relying party") configured on the appliance. */
export interface FortiAuthenticatorOAuthApp {
  /** Client ID. */
  clientId: string;
  /** Set for a confidential application, which must send it on every token request. Leave out for a public one. */
  clientSecret?: string;
  /** Grants the application allows. Default: all three. */
  grants?: readonly FortiAuthenticatorGrant[];
  /** Access-token lifetime in seconds; `0` = never expires. Default: the emulator's `tokenTtlSeconds`. */
  tokenTtlSeconds?: number;
}

/** A user who can sign in. Accounts of the default realm are also local users in the REST directory. */
export interface FortiAuthenticatorAccount {
  username: string;
  password: string;
  /** Realm of a remote (LDAP/RADIUS) user; such a user must be signed in with this `realm`. Default: the default realm. */
  realm?: string;
  /** Second factor. Default `"none"`. */
  mfa?: FortiAuthenticatorMfaMethod | "none";
  /** Whether the account is enabled. Default `true`. */
  active?: boolean;
}

/** An administrator with web-service access: HTTP Basic `username:accessKey`. */
export interface FortiAuthenticatorAdmin {
  username: string;
  accessKey: string;
  /**
   * Resources (the path segment after `/api/v1/`, e.g. `"localusers"`) the admin's profile may
   * use. Default: all of them. A call to any other answers `permissionFaultStatus`.
   */
  resources?: readonly string[];
}

const DEMO_PASSWORD = "secfetch-demo-password-not-real";

/**
 * The demo applications, administrator and sign-in accounts the emulator accepts by default.
 * Clearly fake values, safe to commit; they work only against the emulator.
 */
export const FORTIAUTHENTICATOR_DEMO = {
  /** A confidential OAuth application: `client_secret` on every token request. */
  confidentialApp: { clientId: "secfetch-demo-confidential-app", clientSecret: "secfetch-demo-client-secret-not-real" },
  /** A public OAuth application: no secret. */
  publicApp: { clientId: "secfetch-demo-public-app" },
  /** Administrator with a web-service access key, for HTTP Basic. */
  admin: { username: "secfetch-admin", accessKey: "secfetch-demo-access-key-not-real" },
  /** Password of every demo account. */
  password: DEMO_PASSWORD,
  /** Realm of the demo remote user `grace`. */
  remoteRealm: "corp-ldap",
  /** Demo account names by second factor. */
  users: { plain: "alice", ftm: "bob", push: "carol", ftk: "dave", email: "erin", sms: "frank", remote: "grace" },
} as const;

/** The demo sign-in accounts (all with {@link FORTIAUTHENTICATOR_DEMO}`.password`). */
export const FORTIAUTHENTICATOR_DEMO_ACCOUNTS: readonly FortiAuthenticatorAccount[] = [
  { username: "alice", password: DEMO_PASSWORD, mfa: "none" },
  { username: "bob", password: DEMO_PASSWORD, mfa: "ftm" },
  { username: "carol", password: DEMO_PASSWORD, mfa: "ftm-push" },
  { username: "dave", password: DEMO_PASSWORD, mfa: "ftk" },
  { username: "erin", password: DEMO_PASSWORD, mfa: "email" },
  { username: "frank", password: DEMO_PASSWORD, mfa: "sms" },
  { username: "grace", password: DEMO_PASSWORD, realm: "corp-ldap", mfa: "none" },
];

/** Options of `startFortiAuthenticatorEmulator`. Every option is optional. */
export interface FortiAuthenticatorEmulatorOptions {
  /** OAuth applications. Default: the demo confidential and public applications. */
  apps?: readonly FortiAuthenticatorOAuthApp[];
  /** Sign-in accounts. Default: {@link FORTIAUTHENTICATOR_DEMO_ACCOUNTS}. */
  accounts?: readonly FortiAuthenticatorAccount[];
  /** Administrators with web-service access keys. Default: `[FORTIAUTHENTICATOR_DEMO.admin]`. */
  admins?: readonly FortiAuthenticatorAdmin[];
  /** Local users in the directory, the default-realm accounts included (they come first). Default `45`. */
  users?: number;
  /** User groups to seed. Default `4`. */
  groups?: number;
  /** FortiTokens to seed (at least one per account with a token). Default `12`. */
  fortiTokens?: number;
  /** RADIUS clients to seed. Default `3`. */
  radiusClients?: number;
  /** Access-token lifetime in seconds, sent as `expires_in`; `0` = never expires (`expires_in: 0`). Default `3600`. */
  tokenTtlSeconds?: number;
  /** Seconds an authorization code stays redeemable. Default `60`. */
  authorizationCodeTtlSeconds?: number;
  /** Milliseconds a push waits for the user before it times out. Default `60000`. */
  pushTimeoutMs?: number;
  /** Approve a push by itself on this poll (1 = the first poll); `null` = only `approvePush()` approves. Default `null`. */
  pushAutoApproveAfterPolls?: number | null;
  /** Name of the default realm (accounts without `realm`); a request may name it or leave it out. Default `"local"`. */
  defaultRealm?: string;
  /**
   * The status a REST call outside the admin's `resources` answers: 401, as FortiAuthenticator
   * 6.6.5 and earlier do (Fortinet article 415245), or 403. Default `401`.
   */
  permissionFaultStatus?: 401 | 403;
  /** Seed of the generated directory. Default `1`. */
  seed?: number;
  /** Items each collection served from the spec alone starts with. Default `10`. */
  count?: number;
  /** TCP port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
  /** Serve with this key and certificate instead of a generated one; the handle's `ca` is then `tls.cert`. Default: generated at start. */
  tls?: TlsOptions;
  /** Answer browsers\' CORS checks for any origin, for a client tested in a page. Default: `false`, as most vendor APIs. */
  cors?: boolean;
}

/** Options with every default applied and validated. */
export interface ResolvedOptions {
  apps: ReadonlyArray<Required<Omit<FortiAuthenticatorOAuthApp, "clientSecret">> & { clientSecret: string | undefined }>;
  accounts: ReadonlyArray<Required<FortiAuthenticatorAccount>>;
  admins: ReadonlyArray<{ username: string; accessKey: string; resources: readonly string[] | undefined }>;
  permissionFaultStatus: 401 | 403;
  users: number;
  groups: number;
  fortiTokens: number;
  radiusClients: number;
  tokenTtlSeconds: number;
  authorizationCodeTtlSeconds: number;
  pushTimeoutMs: number;
  pushAutoApproveAfterPolls: number | null;
  defaultRealm: string;
  seed: number;
  count: number;
  port: number;
  tls: TlsOptions | undefined;
  cors: boolean;
}

const ALL_GRANTS: readonly FortiAuthenticatorGrant[] = ["password", "authorization_code", "refresh_token"];

export function resolveOptions(options: FortiAuthenticatorEmulatorOptions): ResolvedOptions {
  const ttl = count("tokenTtlSeconds", options.tokenTtlSeconds ?? 3600, 0);
  const defaults: readonly FortiAuthenticatorOAuthApp[] = [FORTIAUTHENTICATOR_DEMO.confidentialApp, FORTIAUTHENTICATOR_DEMO.publicApp];
  const apps = (options.apps ?? defaults).map((app) => {
    if (!app.clientId) throw new TypeError("Each app needs a non-empty clientId");
    if (app.clientSecret === "") throw new TypeError("clientSecret must be non-empty (leave it out for a public app)");
    const grants = [...(app.grants ?? ALL_GRANTS)];
    for (const grant of grants) if (!ALL_GRANTS.includes(grant)) throw new TypeError(`Unknown grant "${grant}"`);
    return { clientId: app.clientId, clientSecret: app.clientSecret, grants, tokenTtlSeconds: count("tokenTtlSeconds", app.tokenTtlSeconds ?? ttl, 0) };
  });
  unique("app clientIds", apps.map((app) => app.clientId));
  const defaultRealm = options.defaultRealm ?? "local";
  const accounts = (options.accounts ?? FORTIAUTHENTICATOR_DEMO_ACCOUNTS).map((account) => {
    if (!/^[A-Za-z0-9@.+_-]{1,253}$/.test(account.username)) throw new TypeError(`Invalid account username "${account.username}"`);
    if (!account.password) throw new TypeError("Each account needs a password");
    return { username: account.username, password: account.password, realm: account.realm ?? defaultRealm, mfa: account.mfa ?? "none", active: account.active ?? true };
  });
  unique("account usernames per realm", accounts.map((account) => `${account.realm}\n${account.username}`));
  const admins: readonly FortiAuthenticatorAdmin[] = options.admins ?? [FORTIAUTHENTICATOR_DEMO.admin];
  for (const admin of admins) if (!admin.username || !admin.accessKey || admin.username.includes(":")) throw new TypeError("Each admin needs a username (without ':') and an accessKey");
  const local = accounts.filter((account) => account.realm === defaultRealm);
  const users = count("users", options.users ?? 45, local.length);
  const autoApprove = options.pushAutoApproveAfterPolls ?? null;
  return {
    apps,
    accounts,
    admins: admins.map((admin) => ({ username: admin.username, accessKey: admin.accessKey, resources: admin.resources ? [...admin.resources] : undefined })),
    permissionFaultStatus: permissionFault(options.permissionFaultStatus ?? 401),
    users,
    groups: count("groups", options.groups ?? 4, 0),
    fortiTokens: count("fortiTokens", options.fortiTokens ?? 12, local.filter((a) => ["ftm", "ftm-push", "ftk"].includes(a.mfa)).length),
    radiusClients: count("radiusClients", options.radiusClients ?? 3, 0),
    tokenTtlSeconds: ttl,
    authorizationCodeTtlSeconds: count("authorizationCodeTtlSeconds", options.authorizationCodeTtlSeconds ?? 60, 1),
    pushTimeoutMs: count("pushTimeoutMs", options.pushTimeoutMs ?? 60_000, 1),
    pushAutoApproveAfterPolls: autoApprove === null ? null : count("pushAutoApproveAfterPolls", autoApprove, 1),
    defaultRealm,
    seed: count("seed", options.seed ?? 1, 0),
    count: count("count", options.count ?? 10, 0),
    port: count("port", options.port ?? 0, 0),
    tls: options.tls,
    cors: options.cors ?? false,
  };
}


function unique(what: string, values: readonly string[]): void {
  if (new Set(values).size !== values.length) throw new TypeError(`${what} must be unique`);
}

function permissionFault(status: number): 401 | 403 {
  if (status !== 401 && status !== 403) throw new TypeError("permissionFaultStatus must be 401 or 403");
  return status;
}
