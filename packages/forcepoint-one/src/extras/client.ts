import { createApiClient } from "@secfetch/auth";
import {
  definition,
  type ForcepointOneBaseClient,
  type ForcepointOneClientOptions,
  type ForcepointOneCredentials,
  type ForcepointOneJobs,
  type ForcepointOnePages,
  type ForcepointOnePaths,
} from "../generated/client.js";
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

/** A Forcepoint ONE SSE client: openapi-fetch typed by the spec, with `paginate`, `auth` and the log collector `exportLogs`. */
export type ForcepointOneClient = ForcepointOneBaseClient & ForcepointOneExtras;

/**
 * Creates a Forcepoint ONE SSE client. It signs in as the spec declares, retries what is safe to
 * retry and keeps to the service's request rate.
 * @throws ConfigurationError synchronously, for a missing or malformed option.
 */
export function createForcepointOneClient(options: ForcepointOneClientOptions & ForcepointOneCredentials): ForcepointOneClient {
  return createApiClient<ForcepointOnePaths, ForcepointOnePages, ForcepointOneJobs, ForcepointOneClient>(definition, options, (client) =>
    Object.assign(client, { exportLogs: (options) => exportLogs(client, options) } satisfies ForcepointOneExtras),
  );
}
