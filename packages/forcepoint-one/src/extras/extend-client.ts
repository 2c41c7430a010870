import type { SecfetchClient } from "@secfetch/auth";
import type { ForcepointOneJobs, ForcepointOnePages, ForcepointOnePaths } from "../generated/client.js";
import { exportLogs, type ExportLogsOptions, type LogExportPage } from "./export-logs.js";
import type { ForcepointOneLogType } from "./log-types.js";

/** What `createForcepointOneClient` adds to the generated client. */
export interface ForcepointOneExtras {
  /**
   * Exports one log type page by page, each page with a checkpoint to resume from: the log
   * collector. See {@link ExportLogsOptions} and {@link LogExportPage}.
   *
   * ```ts
   * for await (const { records, checkpoint } of client.exportLogs({ type: "access", since, checkpoint: saved })) {
   *   await store(records);
   *   saved = checkpoint; // persist it: the next run resumes after these records
   * }
   * ```
   * @throws ConfigurationError synchronously, for bad options or another type's checkpoint.
   */
  exportLogs<T extends ForcepointOneLogType>(options: ExportLogsOptions<T>): AsyncIterable<LogExportPage<T>>;
}

/** Adds the log collector to a generated client (the generator's hook for hand-written extras). */
export function extendClient(
  client: SecfetchClient<ForcepointOnePaths, ForcepointOnePages, ForcepointOneJobs>,
): SecfetchClient<ForcepointOnePaths, ForcepointOnePages, ForcepointOneJobs> & ForcepointOneExtras {
  const extras: ForcepointOneExtras = {
    exportLogs: (options) => exportLogs(client, options),
  };
  return Object.assign(client, extras);
}
