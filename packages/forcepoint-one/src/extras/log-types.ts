import type { components } from "../generated/schema.js";

type Schemas = components["schemas"];

/** A log type of the log export API; each is its own stream with its own page tokens. */
export type ForcepointOneLogType = Schemas["LogType"];

/**
 * The record each log type carries, as the spec describes it. Every value is a string; fields
 * the spec does not list may appear too (the index signature keeps them).
 */
export interface ForcepointOneLogRecords {
  access: Schemas["AccessLogRecord"];
  cloudaudit: Schemas["CloudLogRecord"];
  cloudsummary: Schemas["CloudLogRecord"];
  admin: Schemas["AdminLogRecord"];
  swgweb: Schemas["SwgWebLogRecord"];
  swgwebdlp: Schemas["SwgWebDlpLogRecord"];
  healthproxy: Schemas["HealthLogRecord"];
  healthapi: Schemas["HealthLogRecord"];
  healthsystem: Schemas["HealthLogRecord"];
  ztna: Schemas["ZtnaLogRecord"];
}

/**
 * The collector version (`cv`) `exportLogs` sends when none is given: 1.1.5 for every type, the
 * default of Forcepoint's official collector and the newest version it supports. It meets every
 * documented minimum (1.1.0 for `swgweb` and `swgwebdlp`, 1.1.5 for the health types); `ztna`'s
 * minimum is not documented. Pass `cv` to pin an older record format.
 */
export const FORCEPOINT_ONE_DEFAULT_CV: Readonly<Record<ForcepointOneLogType, string>> = {
  access: "1.1.5",
  cloudaudit: "1.1.5",
  cloudsummary: "1.1.5",
  admin: "1.1.5",
  swgweb: "1.1.5",
  swgwebdlp: "1.1.5",
  healthproxy: "1.1.5",
  healthapi: "1.1.5",
  healthsystem: "1.1.5",
  ztna: "1.1.5",
};

/** Every log type the spec lists, in its order (kept in step with the defaults above by their type). */
export const FORCEPOINT_ONE_LOG_TYPES: readonly ForcepointOneLogType[] = Object.freeze(Object.keys(FORCEPOINT_ONE_DEFAULT_CV) as ForcepointOneLogType[]);

/** Whether `value` names a log type of the spec (for values that come from outside TypeScript). */
export function isForcepointOneLogType(value: unknown): value is ForcepointOneLogType {
  return typeof value === "string" && (FORCEPOINT_ONE_LOG_TYPES as readonly string[]).includes(value);
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

const RECORD_TIME = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})$/;

/** A record's `time` (`23 Dec 2021 16:57:46`, UTC) in epoch ms, or `NaN`. */
export function recordTime(record: { readonly time?: string | undefined }): number {
  const match = RECORD_TIME.exec(record.time ?? "");
  if (!match) return Number.NaN;
  const [, day, month, year, hours, minutes, seconds] = match;
  const monthIndex = MONTHS[month as string];
  if (monthIndex === undefined) return Number.NaN;
  return Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
}

/**
 * The page's records oldest first. `swgweb` and `swgwebdlp` pages may come newest first while
 * pages still move forward in time (the official collector sorts each page itself). Reversing a
 * page whose first record is newer than its last keeps records of the same second in the
 * service's relative order, which sorting by a one-second `time` could not.
 */
export function oldestFirst<R extends { readonly time?: string | undefined }>(records: R[]): R[] {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) return records;
  return recordTime(first) > recordTime(last) ? records.reverse() : records;
}
