/**
 * The shape of a vendor's declared auth and paging, as the generator copies it out of the spec's
 * `x-secfetch-*` extensions (documented in specs/README.md). Everything here is plain data, so a
 * generated client holds its vendor's whole behaviour as a constant and this package interprets it.
 */

/** A string with `{name}` holes, filled from captured values, options and `{baseUrl}`. */
export type Template = string;
/** A JSON pointer (RFC 6901) into a response body, e.g. `/expires_in`. */
export type Pointer = string;

export interface OptionDeclaration {
  type?: "string" | "string[]" | "number" | "boolean";
  required?: boolean;
  /** Redacted from every error, event and log. */
  secret?: boolean;
  default?: unknown;
  enum?: readonly unknown[];
  /** `url`: an absolute https URL (http for loopback only), trailing slash dropped — a host a sign-in step calls. */
  format?: "url";
  description?: string;
}

export interface TokenRequestDeclaration {
  url: Template;
  grant: "client_credentials" | "password" | "authorization_code" | "refresh_token";
  /** `basic`: RFC 6749 §2.3.1 header; `body`: `client_id` / `client_secret` parameters; `none`: `client_id` only. */
  clientAuth: "basic" | "body" | "none";
  encoding: "form" | "json";
  /** Template for the client id. Default `{clientId}`. */
  clientId?: Template;
  /** Template for the client secret. Default `{clientSecret}`; left out when that option is not set. */
  clientSecret?: Template;
  params?: Readonly<Record<string, Template>>;
  expiresIn?: { zeroMeansNever?: boolean; absentMeansNever?: boolean };
  refreshToken?: "rotate" | "keep" | "none";
  /** Where the vendor's error code and message are; `codePrefix` turns a bare number into the vendor's own form (a prefix + `50126`). */
  error?: {
    code?: Pointer;
    message?: Pointer;
    codePrefix?: string;
    /** What to tell the user for a given code (after the prefix), RFC 6749 `error` value or HTTP status. */
    hints?: Readonly<Record<string, string>>;
    /** Where the vendor's own advice is (`/resolution`): the hint when none is declared for the code. */
    resolution?: Pointer;
  };
}

export interface StaticCredentialDeclaration {
  scheme: "bearer" | "basic" | "header";
  token?: Template;
  username?: Template;
  password?: Template;
  header?: string;
  value?: Template;
}

export interface ChallengeDeclaration {
  status: number;
  fields: Readonly<Record<string, Pointer>>;
  answer: Readonly<Record<string, Template>>;
  push?: {
    methods: readonly string[];
    poll: { method?: string; url: Template };
    status: Pointer;
    approvedWhen: string;
    refusedWhen?: readonly string[];
    /** Statuses meaning the server gave up waiting for the user: a `TimeoutError`, not a refusal. */
    timedOutWhen?: readonly string[];
    response: Pointer;
    intervalMs?: number;
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
  /** How long a token lasts when the answer does not say (the vendor's documented lifetime). */
  lifetimeSeconds?: number;
  /** Where the vendor's error code and message are, and what to tell the user by code or HTTP status. */
  error?: TokenRequestDeclaration["error"];
}

export interface ModeDeclaration {
  name: string;
  requires: readonly string[];
  token?: TokenRequestDeclaration;
  exchange?: ExchangeDeclaration;
  static?: StaticCredentialDeclaration;
  challenge?: ChallengeDeclaration;
}

export interface RequestStepDeclaration {
  method?: string;
  url: Template;
  headers?: Readonly<Record<string, Template>>;
  json?: unknown;
}

export interface DiscoverDeclaration {
  request: RequestStepDeclaration;
  by: Pointer;
  cases: Readonly<Record<string, { baseUrl?: Pointer; headers?: Readonly<Record<string, Pointer>> }>>;
  trustHosts?: readonly string[];
}

export interface SessionDeclaration {
  steps: ReadonlyArray<{
    request: RequestStepDeclaration;
    capture?: Readonly<Record<string, string | readonly string[]>>;
  }>;
  apply: SessionApplyDeclaration;
  /**
   * Other ways to carry the session, chosen by an option's value: `{ option: csrfIn, variants:
   * { query: { headers: {...}, query: { _csrf: "{csrf}" } } } }`. Without a match, `apply` holds.
   */
  applyBy?: { option: string; variants: Readonly<Record<string, SessionApplyDeclaration>> };
}

export interface SessionApplyDeclaration {
  headers: Readonly<Record<string, Template>>;
  /** Query parameters added to every call (a CSRF token sent as a parameter instead of a header). */
  query?: Readonly<Record<string, Template>>;
}

export interface AuthDeclaration {
  options: Readonly<Record<string, OptionDeclaration>>;
  modes: readonly ModeDeclaration[];
  apply?: { headers: Readonly<Record<string, Template>> };
  discover?: DiscoverDeclaration;
  session?: SessionDeclaration;
  /** Statuses that mean "credential gone": sign in again once and replay. Default `[401]`. */
  reauthOn?: readonly number[];
  /**
   * What to tell the user when an API call's credential is refused for good, by HTTP status: a
   * vendor that answers 401 for a missing permission says so here, so the error points there.
   */
  refusalHints?: Readonly<Record<string, string>>;
}

export type PaginationDeclaration =
  | { scheme: "next-path"; items: Pointer; next: Pointer; pageSize?: string; pageSizeDefault?: number }
  | { scheme: "page-number"; items: Pointer; param: string; total: Pointer }
  | { scheme: "key"; items: Pointer; param: string; next: Pointer }
  | { scheme: "cursor"; items: Pointer; param: string; next: Pointer; more: Pointer; replaces?: string }
  | { scheme: "offset-next"; items: Pointer; next: Pointer }
  | { scheme: "page-token"; items: Pointer; param: string; next: Pointer; replaces?: string }
  | { scheme: "start-index"; items: Pointer; param: string; total: Pointer };

/**
 * A long-running job (`x-secfetch-job` on the POST that starts it): the start answers with an
 * id, a status GET is polled until the job leaves its running states, then its results are read
 * from a paged GET. Paths are templates whose holes `params` fills from the start response.
 */
export interface JobDeclaration {
  /** Path parameters of `status`, `results` and `cancel`, read from the start response: `{ runId: /id }`. */
  params: Readonly<Record<string, Pointer>>;
  /** The GET that reports the job's state. */
  status: string;
  /** Where the state is, in the start and the status bodies. */
  state: Pointer;
  /** States that mean "not done yet: poll again". Any other state ends the wait. */
  running: readonly string[];
  /** Where a finished job says how it went, and the values that mean it succeeded. Without it, finishing is success. */
  outcome?: { at: Pointer; success: readonly string[] };
  /** The paged GET that reads the results of a finished job. */
  results?: string;
  /** The POST that stops a running job: sent when a caller gives up waiting. */
  cancel?: string;
}

/** Everything a generated factory hands to `createApiClient`. */
export interface ClientDefinition {
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
  rateLimit?: { requestsPerSecond: number };
}
