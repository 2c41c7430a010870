// Hand-written additions to the generated client, re-exported by the package index.
export type { ForcepointOneExtras } from "./client.js";
export type { ExportLogsOptions, LogExportPage } from "./export-logs.js";
export type { LogCheckpoint } from "./log-checkpoint.js";
export {
  FORCEPOINT_ONE_DEFAULT_CV,
  FORCEPOINT_ONE_LOG_TYPES,
  isForcepointOneLogType,
  type ForcepointOneLogRecords,
  type ForcepointOneLogType,
} from "./log-types.js";
