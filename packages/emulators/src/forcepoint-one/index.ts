// Forcepoint ONE SSE (Bitglass): log export, config API v1.1, SCIM 2.0.
export { startForcepointOneEmulator } from "./emulator.js";
export type { ForcepointOneEmulator } from "./emulator.js";
export { DEFAULT_LOG_COUNTS as FORCEPOINT_ONE_DEFAULT_LOG_COUNTS, FORCEPOINT_ONE_DEMO_CREDENTIALS } from "./options.js";
export type {
  EmptyPageToken as ForcepointOneEmptyPageToken,
  ForcepointOneAccount,
  ForcepointOneEmulatorOptions,
  ForcepointOneToken,
} from "./options.js";
export { FORCEPOINT_ONE_LOG_TYPES, FORCEPOINT_ONE_SCOPES } from "./types.js";
export type {
  ForcepointOneGroup,
  ForcepointOneLogRecord,
  ForcepointOneLogType,
  ForcepointOneScope,
  ForcepointOneUser,
} from "./types.js";
