import { ConfigurationError } from "@secfetch/auth";
import { isForcepointOneLogType, type ForcepointOneLogType } from "./log-types.js";

/**
 * Where an export of one log type resumes: the page token of the last page that had records,
 * or — when no page has had records yet — the `startdate` the export began at. A plain object
 * of strings: persist it as it is or as `JSON.stringify(checkpoint)`, and pass either back as
 * `exportLogs({ checkpoint })`.
 *
 * It names its log type, because a token belongs to one type's stream: `exportLogs` refuses a
 * checkpoint of another type instead of sending its token.
 */
export type LogCheckpoint =
  | { readonly type: ForcepointOneLogType; readonly nextpagetoken: string }
  | { readonly type: ForcepointOneLogType; readonly startdate: string };

/**
 * Reads a checkpoint given to `exportLogs` (an object, or its JSON) and checks it belongs to
 * `type`.
 * @throws ConfigurationError for anything that is not a checkpoint `exportLogs` made, or one of
 * another log type.
 */
export function readCheckpoint(input: string | LogCheckpoint, type: ForcepointOneLogType): LogCheckpoint {
  const value = typeof input === "string" ? parseJson(input) : input;
  const checkpoint = asCheckpoint(value);
  if (!checkpoint) {
    throw new ConfigurationError("exportLogs: `checkpoint` is not a checkpoint exportLogs made.", {
      option: "checkpoint",
      hint: 'Pass back a page\'s `checkpoint` as it was yielded, or its JSON: { "type", "nextpagetoken" } or { "type", "startdate" }.',
    });
  }
  if (checkpoint.type !== type) {
    throw new ConfigurationError(
      `exportLogs: the checkpoint belongs to log type "${checkpoint.type}", not "${type}"; page tokens of one log type are refused for another.`,
      { option: "checkpoint", hint: "Keep one checkpoint per log type and resume each type from its own." },
    );
  }
  return checkpoint;
}

/** The checkpoint for a page the service answered to `query` (engine `pages()` checkpoint, or our own). */
export function checkpointFromQuery(type: ForcepointOneLogType, query: Readonly<Record<string, unknown>>): LogCheckpoint | undefined {
  const token = query["nextpagetoken"];
  if (typeof token === "string" && token.length > 0) return { type, nextpagetoken: token };
  const startdate = query["startdate"];
  return typeof startdate === "string" && startdate.length > 0 ? { type, startdate } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asCheckpoint(value: unknown): LogCheckpoint | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { type, nextpagetoken, startdate } = value as Record<string, unknown>;
  if (!isForcepointOneLogType(type)) return undefined;
  // Exactly one position: a token and a date together would be ambiguous (the service refuses both).
  if (typeof nextpagetoken === "string" && nextpagetoken.length > 0 && startdate === undefined) return { type, nextpagetoken };
  if (typeof startdate === "string" && isStartDate(startdate) && nextpagetoken === undefined) return { type, startdate };
  return undefined;
}

const START_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Whether `text` is a `startdate` as the service takes it: UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
export function isStartDate(text: string): boolean {
  return START_DATE.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().slice(0, 19) === text.slice(0, 19);
}

/**
 * `since` as the service's `startdate`: UTC to the second. Fractions of a second are dropped
 * (rounding down), so no record of that second is missed; other offsets are converted to UTC,
 * because only the `Z` form is documented.
 * @throws ConfigurationError when `since` is not a valid date.
 */
export function toStartDate(since: Date | string): string {
  if (typeof since === "string" && isStartDate(since)) return since;
  const time = since instanceof Date ? since.getTime() : Date.parse(since);
  if (Number.isNaN(time)) {
    throw new ConfigurationError("exportLogs: `since` is not a valid date.", {
      option: "since",
      hint: "Pass a Date or an ISO 8601 date-time such as 2024-09-02T09:50:14Z.",
    });
  }
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}
