export { startForcepointOneInsightsEmulator } from "./emulator.js";
export type { ForcepointOneInsightsEmulator } from "./emulator.js";
export { FORCEPOINT_ONE_INSIGHTS_DEMO_KEY } from "./options.js";
export type { ForcepointOneInsightsEmulatorOptions, ForcepointOneInsightsKey } from "./options.js";
export { INSIGHTS_COLLECTIONS } from "./records.js";
export type { InsightsCollection, InsightsRecord } from "./records.js";
