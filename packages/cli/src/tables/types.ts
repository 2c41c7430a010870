/** The CLI's view of one vendor, derived from its spec at build time (`npm run generate`). */
export interface VendorTable {
  /** Folder name under specs/, and the CLI's first word: `sophos-central`. */
  readonly name: string;
  /** `@secfetch/sophos-central`. */
  readonly packageName: string;
  /** Factory's vendor part: `SophosCentral` → `createSophosCentralClient`. */
  readonly clientName: string;
  readonly title: string;
  /** The spec's default server; `undefined` when it is a template (`https://{appliance}`), so `baseUrl` is required. */
  readonly defaultBaseUrl?: string | undefined;
  /** Region names (`x-secfetch-region`), for vendors with regional hosts. */
  readonly regions: readonly string[];
  /** The factory's credential and vendor options (`x-secfetch-auth.options`), in the spec's order. */
  readonly options: readonly OptionTable[];
  /** Ways to sign in: the first mode whose options are all set wins. */
  readonly modes: ReadonlyArray<{ readonly name: string; readonly requires: readonly string[] }>;
  /**
   * `discover.delegates`: the identities a credential acts for (a partner's tenants), listed by
   * paged GETs; `--as ID` makes the call for one of them. `id` points at an item's id.
   */
  readonly delegates?: { readonly id: string; readonly lists: readonly string[] };
  /** A sign-in may meet an MFA challenge (`onChallenge`). */
  readonly challenge: boolean;
  /** Challenge methods the client completes by polling (a push approval) instead of asking for a code. */
  readonly pushMethods: readonly string[];
  readonly operations: readonly OperationTable[];
}

export interface OptionTable {
  readonly name: string;
  readonly type: "string" | "string[]" | "number" | "boolean";
  readonly required: boolean;
  readonly secret: boolean;
  readonly description?: string | undefined;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
}

export interface OperationTable {
  readonly method: string;
  /** The path template as the spec writes it, from the host root. */
  readonly path: string;
  readonly operationId?: string | undefined;
  readonly summary?: string | undefined;
  readonly tag?: string | undefined;
  /** `x-secfetch-paginate`: the walk `--paginate` follows. */
  readonly paged?: { readonly scheme: string; readonly items: string } | undefined;
  /** The declared sign-in calls it itself (token, discovery, session steps). */
  readonly signIn: boolean;
  /** It is served by another host than the API's (an identity provider's token endpoint). */
  readonly external: boolean;
  readonly parameters: readonly ParameterTable[];
  readonly body?: BodyTable | undefined;
}

export interface ParameterTable {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  /** A short type: `string`, `integer`, `string[]`, `"a" | "b"`. */
  readonly type: string;
  readonly array: boolean;
  readonly description?: string | undefined;
}

export interface BodyTable {
  readonly required: boolean;
  readonly mediaType: string;
  /** The top-level fields of the body's schema (object bodies), for `describe`. */
  readonly fields: ReadonlyArray<{ readonly name: string; readonly type: string; readonly required: boolean; readonly description?: string | undefined }>;
  /** A short type of the whole body: `object`, `array of User`, `string`. */
  readonly type: string;
}
