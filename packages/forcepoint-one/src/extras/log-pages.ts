import { ApiError } from "@secfetch/auth";
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

/** JSON pages, walked by the client's own `pages()`: its page-token scheme and checkpoints. */
export async function* jsonLogPages(client: LogClient, query: LogQuery, signal: AbortSignal | undefined): AsyncGenerator<RawLogPage> {
  const init = { params: { query }, ...(signal ? { signal } : {}) };
  let resume: Readonly<Record<string, unknown>> = query;
  for await (const page of client.pages(LOGS, init)) {
    resume = page.checkpoint ?? resume;
    yield { records: page.items, resume };
  }
}

/**
 * CSV pages, walked here: `pages()` reads records at `/response/data` as an array, and a CSV
 * page's data is one string, so it would see every CSV page as empty. Same rules as the
 * engine's page-token walk: `type`, `cv` and `responseformat` on every page, `nextpagetoken` in
 * place of `startdate`, stop on an empty page or an empty token; resume from the token of the
 * last page with records, or from the query of an empty page.
 */
export async function* csvLogPages(client: LogClient, first: LogQuery, signal: AbortSignal | undefined): AsyncGenerator<RawLogPage> {
  let query: LogQuery = first;
  for (;;) {
    const { data, error, response } = await client.GET(LOGS, { params: { query }, ...(signal ? { signal } : {}) });
    if (!response.ok || !data) {
      throw new ApiError(`@secfetch/forcepoint-one: GET ${LOGS} failed with HTTP ${response.status} while exporting logs.`, {
        status: response.status,
        body: error,
        hint: "Inspect `body` for the service's reason.",
      });
    }
    const page = data.response;
    if (page.dataformat !== "csv") {
      throw new ApiError(`@secfetch/forcepoint-one: asked for CSV, the service answered with dataformat "${String(page.dataformat)}".`, {
        status: response.status,
      });
    }
    const records = await parseCsvPage(page.data, response.status);
    const token = data.nextpagetoken;
    const next: LogQuery | undefined = records.length > 0 && token ? { type: query.type, cv: query.cv, responseformat: query.responseformat, nextpagetoken: token } : undefined;
    yield { records, resume: next ?? query };
    if (!next) return;
    // A service that hands back the token just sent would page forever.
    if (next.nextpagetoken === query.nextpagetoken) {
      throw new ApiError(`@secfetch/forcepoint-one: the service sent paging back to a page already read (${LOGS}); stopped to avoid a loop.`, {
        status: response.status,
      });
    }
    query = next;
  }
}

/** The page's records, or an `ApiError` (the page failed) when its CSV is malformed. */
async function parseCsvPage(document: string, status: number): Promise<Record<string, string>[]> {
  const parse = await loadCsvParser();
  try {
    return parseCsvRecords(parse, document);
  } catch (error) {
    throw new ApiError(`@secfetch/forcepoint-one: a CSV page of ${LOGS} could not be parsed.`, {
      status,
      cause: error,
      hint: 'Export with format: "json" to read the records as the service sent them.',
    });
  }
}

/**
 * The records of a CSV page: a header row naming the columns, then one row per record, quoted as
 * RFC 4180 (fields may hold commas, quotes and line breaks). Parsed by csv-parse, strictly: a row
 * with more or fewer fields than the header is an error, not a guess. `""` is an empty page.
 */
function parseCsvRecords(parse: CsvParse, document: string): Record<string, string>[] {
  if (document.length === 0) return [];
  return parse<Record<string, string>>(document, {
    columns: true,
    bom: true,
    // A blank line between records is no record; blank lines inside quoted fields are kept.
    skip_empty_lines: true,
  });
}

type CsvParse = typeof import("csv-parse/sync").parse;
let csvParser: Promise<CsvParse> | undefined;

// Loaded on the first CSV page only, so JSON users and browser bundles never evaluate it; the
// package's `#csv-parse` import picks csv-parse's self-contained build where Node's Buffer is absent.
function loadCsvParser(): Promise<CsvParse> {
  return (csvParser ??= import("#csv-parse").then((module: { parse: CsvParse }) => module.parse));
}
