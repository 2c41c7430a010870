import { ConfigurationError } from "@secfetch/auth";
import { checkpointFromQuery, readCheckpoint, toStartDate, type LogCheckpoint } from "./log-checkpoint.js";
import { logPages, type LogClient, type LogQuery } from "./log-pages.js";
import { FORCEPOINT_ONE_DEFAULT_CV, FORCEPOINT_ONE_LOG_TYPES, isForcepointOneLogType, oldestFirst, type ForcepointOneLogRecords, type ForcepointOneLogType } from "./log-types.js";

/** What `exportLogs` exports and where it starts. */
export interface ExportLogsOptions<T extends ForcepointOneLogType = ForcepointOneLogType> {
  /** The log type: one stream, with its own page tokens. */
  type: T;
  /** Collector version (`cv`). Default: 1.1.5 for every type, as the official collector sends ({@link FORCEPOINT_ONE_DEFAULT_CV}). */
  cv?: string | undefined;
  /**
   * `json` (records as the service's JSON objects) or `csv` (the service's CSV document, parsed
   * into one object per row keyed by the header). Default `"json"`.
   */
  format?: "json" | "csv" | undefined;
  /**
   * Where a first export starts: records stamped at or after it (UTC, to the second). Used only
   * when no `checkpoint` is given, so a collector can always pass both.
   */
  since?: Date | string | undefined;
  /**
   * Where to resume: a page's `checkpoint` from an earlier export of the same `type`, as yielded
   * or as its JSON. Records already yielded before it do not come again; records added since do.
   */
  checkpoint?: string | LogCheckpoint | undefined;
  /** Aborts the export; the pending request rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** One page of an export. */
export interface LogExportPage<T extends ForcepointOneLogType = ForcepointOneLogType> {
  /** The page's records, oldest first. Empty on the last page of a run. */
  records: ForcepointOneLogRecords[T][];
  /**
   * Where a later export resumes after this page: persist it once the records are safely stored.
   * After a page with records it holds that page's token; on an empty page it is the position
   * that was asked for, so resuming asks again and gets only records added since.
   */
  checkpoint: LogCheckpoint;
}

/**
 * Exports one log type page by page, for collectors that stop and resume. Every page comes with
 * a checkpoint; pass the last one you stored back as `checkpoint` and the export continues with
 * the next record: nothing is skipped and nothing comes twice. The walk follows the service's
 * page tokens until a page is empty (that empty last page is yielded too, with its checkpoint).
 * A failed page throws `ApiError`; a refused credential throws `AuthenticationError`.
 * @throws ConfigurationError synchronously, for an unknown `type`, a malformed `since`, neither
 * `since` nor `checkpoint`, or a checkpoint that is not one or belongs to another log type.
 */
export function exportLogs<T extends ForcepointOneLogType>(client: LogClient, options: ExportLogsOptions<T>): AsyncIterable<LogExportPage<T>> {
  const { type, format = "json", signal } = options;
  if (!isForcepointOneLogType(type)) {
    throw new ConfigurationError(`exportLogs: unknown log type "${String(type).slice(0, 40)}".`, {
      option: "type",
      hint: `Log types: ${FORCEPOINT_ONE_LOG_TYPES.join(", ")}.`,
    });
  }
  if (format !== "json" && format !== "csv") {
    throw new ConfigurationError('exportLogs: `format` must be "json" or "csv".', { option: "format" });
  }
  const start = startingPoint(options);
  const query: LogQuery = { type, cv: options.cv ?? FORCEPOINT_ONE_DEFAULT_CV[type], responseformat: format, ...start };
  return walk<T>(client, query, signal);
}

async function* walk<T extends ForcepointOneLogType>(client: LogClient, query: LogQuery, signal: AbortSignal | undefined): AsyncGenerator<LogExportPage<T>> {
  const pages = logPages(client, query, signal);
  let last = checkpointFromQuery(query.type, query) as LogCheckpoint;
  for await (const page of pages) {
    last = checkpointFromQuery(query.type, page.resume) ?? last;
    yield { records: oldestFirst(page.records), checkpoint: last };
  }
}

/** `startdate` or `nextpagetoken` of the first request: the checkpoint's position, else `since`. */
function startingPoint(options: ExportLogsOptions): { startdate: string } | { nextpagetoken: string } {
  if (options.checkpoint !== undefined) {
    const checkpoint = readCheckpoint(options.checkpoint, options.type);
    return "nextpagetoken" in checkpoint ? { nextpagetoken: checkpoint.nextpagetoken } : { startdate: checkpoint.startdate };
  }
  if (options.since === undefined) {
    throw new ConfigurationError("exportLogs: pass `since` (where a first export starts) or `checkpoint` (where an earlier one stopped).", {
      option: "since",
      hint: "The official collector starts 30 days back: since: new Date(Date.now() - 30 * 86_400_000).",
    });
  }
  return { startdate: toStartDate(options.since) };
}
