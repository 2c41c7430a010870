/** Log types of the log export API, each its own stream with its own page token. */
export const FORCEPOINT_ONE_LOG_TYPES = [
  "access",
  "cloudaudit",
  "cloudsummary",
  "admin",
  "swgweb",
  "swgwebdlp",
  "healthproxy",
  "healthapi",
  "healthsystem",
  "ztna",
] as const;

/** One log type (`type` query parameter). */
export type ForcepointOneLogType = (typeof FORCEPOINT_ONE_LOG_TYPES)[number];

/**
 * Permissions an OAuth application grants its tokens (Settings > API Interface > OAuth):
 * `logs` = Log API, `config` = User and Group Provisioning via the config API, `scim` = the same
 * via SCIM. The IP API is not emulated.
 */
export const FORCEPOINT_ONE_SCOPES = ["logs", "config", "scim"] as const;

/** One permission of a token. */
export type ForcepointOneScope = (typeof FORCEPOINT_ONE_SCOPES)[number];

/** A log record as the API returns it: every value a string, absent values `""`. */
export type ForcepointOneLogRecord = Readonly<Record<string, string>>;

/** A directory user, as the emulator keeps it (shared by the config API and SCIM). */
export interface ForcepointOneUser {
  /** SCIM `id` (a UUID). */
  readonly id: string;
  /** Login name and primary e-mail (`username` in the config API, `userName` in SCIM). */
  readonly userName: string;
  readonly externalId: string | undefined;
  readonly displayName: string | undefined;
  readonly givenName: string;
  readonly familyName: string;
  /** Company (work) e-mail address. */
  readonly workEmail: string;
  /** Secondary address (`secondaryemail`, SCIM `emails[type eq "other"]`). */
  readonly otherEmail: string | undefined;
  readonly countryCode: string | undefined;
  readonly mobileNumber: string | undefined;
  readonly adminRole: string;
  /** SCIM `id` of the manager (enterprise extension). */
  readonly manager: string | undefined;
  readonly active: boolean;
  /** `Local` for config API users, `SCIM` for users an identity provider created. */
  readonly source: "Local" | "SCIM";
  /** ISO 8601. */
  readonly created: string;
  /** ISO 8601. */
  readonly lastModified: string;
}

/** A directory group. */
export interface ForcepointOneGroup {
  /** SCIM `id` (a UUID). */
  readonly id: string;
  readonly displayName: string;
  readonly externalId: string | undefined;
  /** Member user ids, in the order added. */
  readonly members: readonly string[];
  /** ISO 8601. */
  readonly created: string;
  /** ISO 8601. */
  readonly lastModified: string;
}
