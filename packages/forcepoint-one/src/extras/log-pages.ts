import type { ForcepointOneBaseClient, ForcepointOnePaths } from "../generated/client.js";

/** The client `exportLogs` is built on. */
export type LogClient = ForcepointOneBaseClient;

/**
 * The log query of one page: `type`, `cv`, `responseformat`, and `startdate` or `nextpagetoken`.
 * A type literal rather than an interface, so it is also a plain record of query values.
 */
export type LogQuery = {
  type: ForcepointOnePaths["/api/bitglassapi/logs"]["get"]["parameters"]["query"]["type"];
  cv: string;
  responseformat: "json" | "csv";
  startdate?: string;
  nextpagetoken?: string;
};

/** One page as the walkers hand it on: its raw records and the query to resume from. */
export interface RawLogPage {
  records: Record<string, string>[];
  resume: Readonly<Record<string, unknown>>;
}

const LOGS = "/api/bitglassapi/logs";

/**
 * The export's pages, walked by the client's own `pages()`: its page-token scheme and checkpoints,
 * JSON and CSV alike (the spec declares CSV pages, `itemsText: csv`, and the engine parses them).
 */
export async function* logPages(client: LogClient, query: LogQuery, signal: AbortSignal | undefined): AsyncGenerator<RawLogPage> {
  const init = { params: { query }, ...(signal ? { signal } : {}) };
  let resume: Readonly<Record<string, unknown>> = query;
  for await (const page of client.pages(LOGS, init)) {
    resume = page.checkpoint ?? resume;
    yield { records: page.items, resume };
  }
}
