/** One openapi-fetch verb, as the CLI calls it: any path of the spec, params, headers, body. */
export type CallVerb = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** What the CLI uses of a vendor client: its verbs, and its paging walks. */
export interface CliClient {
  readonly GET: CallVerb;
  readonly PUT: CallVerb;
  readonly POST: CallVerb;
  readonly DELETE: CallVerb;
  readonly PATCH: CallVerb;
  readonly pages: (path: string, init: Record<string, unknown>) => AsyncIterable<{ items: unknown[]; checkpoint: Record<string, unknown> | null }>;
}

/** A vendor's `create…Client`, seen without its typed options: the CLI builds them from the tables. */
export type ClientFactory = (options: Record<string, unknown>) => CliClient;

/** A vendor package as the CLI loads it: its factory, and its declaration for the engine (`definition`). */
export interface ClientPackage {
  readonly factory: ClientFactory;
  readonly definition: unknown;
}
