/**
 * The shape of a vendor's declared auth, paging and jobs, as the generator copies it out of the
 * spec's `x-secfetch-*` extensions. Everything here is plain data, so a generated client holds its
 * vendor's whole behaviour as a constant and this package interprets it.
 *
 * This file is the one source of that shape: the JSON Schema the generator validates specs with
 * (tools/generator/src/load/declaration-schema.json) and the field reference in specs/README.md
 * are derived from it (`npm run generate` rewrites both; a test fails when they lag). The JSDoc
 * tags `@minLength`, `@pattern`, `@asType` and the like become schema constraints.
 */

import type { EngineFeatures } from "../client/engine-features.js";

/**
 * A string with `{name}` holes, filled from captured values, options and `{baseUrl}`.
 * @minLength 1
 */
export type Template = string;
/**
 * A JSON pointer (RFC 6901) into a response body, e.g. `/expires_in`.
 * @pattern ^(/[^/]*)*$
 */
export type Pointer = string;
/**
 * Text shown to a user (a hint): never empty.
 * @minLength 1
 */
export type Text = string;
/**
 * A path of the spec, as written under `paths` (`/runs/{runId}`).
 * @pattern ^/
 */
export type PathTemplate = string;

/** One option of the factory: a credential or a vendor setting. */
export interface OptionDeclaration {
  /** Its type. Default `string`. */
  type?: "string" | "string[]" | "number" | "boolean";
  /** A missing required option is a `ConfigurationError`. Default `false`. */
  required?: boolean;
  /** Redacted from every error, event and log. */
  secret?: boolean;
  /** Used when the user leaves the option out. */
  default?: unknown;
  /**
   * The values allowed.
   * @minItems 1
   */
  enum?: readonly unknown[];
  /** `url`: an absolute https URL (http for loopback only), trailing slash dropped — a host a sign-in step calls. */
  format?: "url";
  /** Becomes the option's TSDoc and its line in the package README. */
  description?: string;
}

/** An OAuth 2 token request (RFC 6749 §4). */
export interface TokenRequestDeclaration {
  /** The token endpoint: `{baseUrl}/oauth/token`. */
  url: Template;
  /** The grant type sent. */
  grant: "client_credentials" | "password" | "authorization_code" | "refresh_token";
  /** `basic`: RFC 6749 §2.3.1 header; `body`: `client_id` / `client_secret` parameters; `none`: `client_id` only. */
  clientAuth: "basic" | "body" | "none";
  /** How the parameters are sent: a form body or JSON. */
  encoding: "form" | "json";
  /** Template for the client id. Default `{clientId}`. */
  clientId?: Template;
  /** Template for the client secret. Default `{clientSecret}`; left out when that option is not set. */
  clientSecret?: Template;
  /** Extra parameters: `{ scope: "{scopes}" }`. */
  params?: Readonly<Record<string, Template>>;
  /** How expiry is read from `expires_in`: `0` and an absent value mean "never" unless turned off here (both default `true`). */
  expiresIn?: { zeroMeansNever?: boolean; absentMeansNever?: boolean };
  /** What a `refresh_token` in the answer means: `rotate` (each refresh returns a new one), `keep`, or `none` (ignored). Default `none`. */
  refreshToken?: "rotate" | "keep" | "none";
  /** Where the vendor's error code and message are; `codePrefix` turns a bare number into the vendor's own form (a prefix + `50126`). */
  error?: {
    code?: Pointer;
    message?: Pointer;
    /** @pattern ^[A-Za-z_.-]+$ */
    codePrefix?: string;
    /** What to tell the user for a given code (after the prefix), RFC 6749 `error` value or HTTP status. */
    hints?: Readonly<Record<string, Text>>;
    /** Where the vendor's own advice is (`/resolution`): the hint when none is declared for the code. */
    resolution?: Pointer;
  };
}

/** A credential that never changes, sent as it is. */
export interface StaticCredentialDeclaration {
  /** `bearer` (`token`), `basic` (`username` + `password`) or `header` (`header` + `value`). */
  scheme: "bearer" | "basic" | "header";
  /** The bearer token: `{token}`. */
  token?: Template;
  /** The Basic user name. */
  username?: Template;
  /** The Basic password. */
  password?: Template;
  /**
   * The header a `header` scheme sets.
   * @pattern ^[A-Za-z0-9-]+$
   */
  header?: string;
  /** The header's value. */
  value?: Template;
}

/** A token endpoint that answers "more needed" (a one-time password, a push approval): MFA. */
export interface ChallengeDeclaration {
  /**
   * The status of the token endpoint's "more needed" answer.
   * @asType integer
   * @minimum 100
   * @maximum 599
   */
  status: number;
  /** Where the challenge's parts are in that answer: `{ challenge: /challenge, method: /method, session: /session }`. */
  fields: Readonly<Record<string, Pointer>>;
  /** The token request's extra parameters that answer the challenge; `{response}` is the user's code. */
  answer: Readonly<Record<string, Template>>;
  /** Methods the client completes by polling instead of asking the user (a push approval). */
  push?: {
    /**
     * The challenge methods completed by polling (`ftm-push`).
     * @minItems 1
     */
    methods: readonly string[];
    /** The request that asks whether the user approved. */
    poll: RequestStepDeclaration;
    /** Where the poll's answer says how it stands. */
    status: Pointer;
    /** The status that means approved. */
    approvedWhen: string;
    /** Statuses that mean refused: an `AuthenticationError`. */
    refusedWhen?: readonly string[];
    /** Statuses meaning the server gave up waiting for the user: a `TimeoutError`, not a refusal. */
    timedOutWhen?: readonly string[];
    /** Where an approved poll's answer holds the code to send as the challenge response. */
    response: Pointer;
    /**
     * How often to poll, in milliseconds.
     * @asType integer
     * @minimum 100
     */
    intervalMs?: number;
    /**
     * How long to wait for the user, in milliseconds.
     * @asType integer
     * @minimum 1000
     */
    deadlineMs?: number;
  };
}

/**
 * A credential exchanged for a bearer token by one request the vendor defines (an API key in a
 * header, answered with `{ "token": … }`): cached and renewed like any token.
 */
export interface ExchangeDeclaration {
  request: RequestStepDeclaration;
  /** Where the token is in the answer. */
  token: Pointer;
  /** Where the answer says how many seconds the token lasts, if it does. */
  expiresIn?: Pointer;
  /**
   * How long a token lasts when the answer does not say (the vendor's documented lifetime).
   * @asType integer
   * @minimum 1
   */
  lifetimeSeconds?: number;
  /** Where the vendor's error code and message are, and what to tell the user by code or HTTP status. */
  error?: TokenRequestDeclaration["error"];
}

/** One way to sign in; exactly one of `token`, `exchange` or `static`. */
export interface ModeDeclaration {
  /** @pattern ^[a-z][a-z0-9-]*$ */
  name: string;
  /**
   * The options that select this mode: the first mode whose options are all set wins.
   * @minItems 1
   */
  requires: readonly string[];
  token?: TokenRequestDeclaration;
  exchange?: ExchangeDeclaration;
  static?: StaticCredentialDeclaration;
  /** The MFA challenge this mode's token request may meet. */
  challenge?: ChallengeDeclaration;
}

/** One request a sign-in step sends. */
export interface RequestStepDeclaration {
  /** Default `GET`. */
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: Template;
  headers?: Readonly<Record<string, Template>>;
  /** A JSON body; its strings are templates. */
  json?: unknown;
}

/** A request after the token that decides the host and identity headers of every call. */
export interface DiscoverDeclaration {
  request: RequestStepDeclaration;
  /** Where the answer names the kind of identity (`/idType`). */
  by: Pointer;
  /**
   * Per kind: where its host root and identity headers are in the answer.
   * @minProperties 1
   */
  cases: Readonly<Record<string, { baseUrl?: Pointer; headers?: Readonly<Record<string, Pointer>> }>>;
  /** Hosts a discovered host must match (`*.example.com`) before it sees a token. */
  trustHosts?: readonly TrustedHost[];
  /** The identities a principal may act for (a partner's tenants): where they are listed, and how a call acts for one. */
  delegates?: DelegatesDeclaration;
}

/**
 * The identities a principal may act for — a partner's or an organization's tenants: which paged
 * GET lists them for each kind of principal, and how a call made for one of them reads its host
 * and identity headers off the listed item. A delegate's host passes the same trust rule as a
 * discovered one before it sees a token.
 */
export interface DelegatesDeclaration {
  /**
   * The paged GET (it must have `x-secfetch-paginate`) that lists them, per kind of principal
   * that has them: `{ partner: /partner/v1/tenants }`. Another kind has none to list.
   * @minProperties 1
   */
  list: Readonly<Record<string, PathTemplate>>;
  /** Query parameters every list request carries (`{ pageTotal: true }`). */
  query?: Readonly<Record<string, string | number | boolean>>;
  /** The page-size query parameter, and the size asked for unless the caller says (`{ param: pageSize, default: 100 }`). */
  pageSize?: {
    param: string;
    /**
     * @asType integer
     * @minimum 1
     */
    default: number;
  };
  /** Where a listed item holds its id: one client is made per id and host. */
  id: Pointer;
  /** Where a listed item holds the host root its calls go to; an item without one is not ready to be called. */
  baseUrl: Pointer;
  /** Headers every call made for it carries, each read from the item (`{ X-Tenant-ID: /id }`). */
  headers: Readonly<Record<string, Pointer>>;
}

/**
 * A host name, or `*.` and a domain for any host under it.
 * @pattern ^(\*\.)?[a-z0-9.-]+$
 */
export type TrustedHost = string;

/** A handshake that turns the token into a server session (a cookie and a CSRF token). */
export interface SessionDeclaration {
  /** @minItems 1 */
  steps: ReadonlyArray<{
    request: RequestStepDeclaration;
    /**
     * Values to keep from the answer, each from the first source that has it:
     * `body:/pointer`, `header:NAME`, `cookie:NAME`, or `keep` (the value already held).
     */
    capture?: Readonly<Record<string, string | CaptureSources>>;
  }>;
  /** How the session goes on every call. */
  apply: SessionApplyDeclaration;
  /**
   * Other ways to carry the session, chosen by an option's value: `{ option: csrfIn, variants:
   * { query: { headers: {...}, query: { _csrf: "{csrf}" } } } }`. Without a match, `apply` holds.
   */
  applyBy?: { option: string; variants: Readonly<Record<string, SessionApplyDeclaration>> };
}

/** Headers (and query parameters) that carry a session on every call. */
export interface SessionApplyDeclaration {
  headers: Readonly<Record<string, Template>>;
  /** Query parameters added to every call (a CSRF token sent as a parameter instead of a header). */
  query?: Readonly<Record<string, Template>>;
}

/**
 * Sources of one captured value, tried in order.
 * @minItems 1
 */
export type CaptureSources = readonly string[];

/** `x-secfetch-auth`: how the client obtains and applies credentials. */
export interface AuthDeclaration {
  /**
   * The factory's credential and vendor options, besides the common ones every factory takes.
   * @minProperties 1
   * @propertyNames {"pattern": "^[a-z][A-Za-z0-9]*$"}
   */
  options: Readonly<Record<string, OptionDeclaration>>;
  /**
   * Ways to sign in; the first mode whose `requires` are all set wins.
   * @minItems 1
   */
  modes: readonly ModeDeclaration[];
  /** How the token goes on an API request. Default `Authorization: Bearer {accessToken}`. */
  apply?: { headers: Readonly<Record<string, Template>> };
  /** A request after the token that decides the host and identity headers of every call. */
  discover?: DiscoverDeclaration;
  /** A handshake that turns the token into a server session. */
  session?: SessionDeclaration;
  /**
   * Statuses that mean "credential gone": sign in again once and replay. Default `[401]`.
   * @minItems 1
   */
  reauthOn?: readonly ClientErrorStatus[];
  /**
   * What to tell the user when an API call's credential is refused for good, by HTTP status: a
   * vendor that answers 401 for a missing permission says so here, so the error points there.
   * @propertyNames {"pattern": "^4[0-9][0-9]$"}
   */
  refusalHints?: Readonly<Record<string, Text>>;
}

/**
 * An HTTP 4xx status.
 * @asType integer
 * @minimum 400
 * @maximum 499
 */
export type ClientErrorStatus = number;

/**
 * `x-secfetch-paginate`: how a paged GET is walked; `items` points at each page's array (or, with
 * `itemsText`, at a text document of records). The schemes are described above.
 */
export type PaginationDeclaration =
  | { scheme: "next-path"; items: Pointer; itemsText?: ItemsText; next: Pointer; pageSize?: string; pageSizeDefault?: number }
  | { scheme: "page-number"; items: Pointer; itemsText?: ItemsText; param: string; total: Pointer }
  | { scheme: "key"; items: Pointer; itemsText?: ItemsText; param: string; next: Pointer }
  | { scheme: "cursor"; items: Pointer; itemsText?: ItemsText; param: string; next: Pointer; more: Pointer; replaces?: string }
  | { scheme: "offset-next"; items: Pointer; itemsText?: ItemsText; next: Pointer }
  | { scheme: "page-token"; items: Pointer; itemsText?: ItemsText; param: string; next: Pointer; replaces?: string }
  | { scheme: "start-index"; items: Pointer; itemsText?: ItemsText; param: string; total: Pointer };

/**
 * How a page's items read when the value at `items` is text rather than a list: `csv` is a
 * header row naming the columns, then one record per row (RFC 4180 quoting), each record an
 * object keyed by the header. A list at `items` is read as a list either way.
 */
export type ItemsText = "csv";

/**
 * A long-running job (`x-secfetch-job` on the POST that starts it): the start answers with an
 * id, a status GET is polled until the job leaves its running states, then its results are read
 * from a paged GET. Paths are templates whose holes `params` fills from the start response.
 */
export interface JobDeclaration {
  /**
   * Path parameters of `status`, `results` and `cancel`, read from the start response: `{ runId: /id }`.
   * @minProperties 1
   */
  params: Readonly<Record<string, Pointer>>;
  /** The GET that reports the job's state. */
  status: PathTemplate;
  /** Where the state is, in the start and the status bodies. */
  state: Pointer;
  /**
   * States that mean "not done yet: poll again". Any other state ends the wait.
   * @minItems 1
   */
  running: readonly Text[];
  /** Where a finished job says how it went, and the values that mean it succeeded. Without it, finishing is success. */
  outcome?: {
    at: Pointer;
    /** @minItems 1 */
    success: readonly Text[];
  };
  /** The paged GET that reads the results of a finished job. */
  results?: PathTemplate;
  /** The POST that stops a running job: sent when a caller gives up waiting. */
  cancel?: PathTemplate;
}

/** `x-secfetch-rate-limit`: a client-side limit the vendor asks callers to keep. */
export interface RateLimitDeclaration {
  /** @exclusiveMinimum 0 */
  requestsPerSecond: number;
}

/** Everything a generated factory hands to `createApiClient`. */
export interface ClientDefinition {
  /**
   * The engine pieces this declaration uses (its paging schemes, flows, jobs), imported by the
   * generated code from `@secfetch/auth/features`, so that a bundle holds only those.
   */
  features?: EngineFeatures;
  /** npm name of the vendor package, used in messages: `@secfetch/<vendor>`. */
  packageName: string;
  /** Servers by region name; the first is the default. A spec with one server has one entry. */
  servers: Readonly<Record<string, string>>;
  /** Whether the factory takes a `region` option (servers carry `x-secfetch-region`). */
  regional: boolean;
  auth: AuthDeclaration;
  /** Paged GET operations by path template. */
  pagination: Readonly<Record<string, PaginationDeclaration>>;
  /** Long-running jobs by the path of the POST that starts them. */
  jobs?: Readonly<Record<string, JobDeclaration>>;
  /** Non-idempotent operations the spec marks safe to retry, as `METHOD /path/{template}`. */
  retrySafe: readonly string[];
  /**
   * Operations whose refusal status means something else (a checked user's password was wrong),
   * as `METHOD /path/{template}`: never signed in again and replayed (`x-secfetch-reauth: false`).
   */
  noReauth?: readonly string[];
  /** The vendor's request-rate limit (`x-secfetch-rate-limit`), kept on the client side. */
  rateLimit?: RateLimitDeclaration;
}
