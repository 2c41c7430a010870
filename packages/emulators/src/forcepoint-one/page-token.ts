import { HttpError } from "../shared/http-helpers.js";
import type { ForcepointOneLogType } from "./types.js";

/** Types whose tokens carry a time window and a page number (the 1.1.0 log types). */
const WINDOW_TYPES: readonly ForcepointOneLogType[] = ["swgweb", "swgwebdlp"];

/** `e30=`: base64 of `{}`, the token the service puts on an empty page. */
export const EMPTY_OBJECT_TOKEN = Buffer.from("{}").toString("base64");

/** Where a token points: after the record `logId`, in an export that began at `startTime` and is on page `page`. */
export interface TokenPosition {
  readonly logId: string;
  readonly startTime: number;
  readonly page: number;
}

/**
 * Encodes a position the way the service shapes its tokens: base64 (with padding) of JSON in
 * Python's spacing. Older types: `{"log_id": …, "datetime": …}`. `swgweb*`:
 * `{"start_time": …, "end_time": …, "page": n, "log_id": …}` — the real ones carry only the
 * first three; the emulator adds `log_id` to find its place.
 */
export function encodeToken(type: ForcepointOneLogType, position: TokenPosition, lastTime: number): string {
  const fields: Record<string, string | number> = WINDOW_TYPES.includes(type)
    ? { start_time: isoSeconds(position.startTime), end_time: isoSeconds(lastTime), page: position.page, log_id: position.logId }
    : { log_id: position.logId, datetime: isoMicros(lastTime) };
  const json = `{${Object.entries(fields).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(", ")}}`;
  return Buffer.from(json, "utf8").toString("base64");
}

/**
 * Decodes a token sent for `type`. Anything but a token of this type's shape → 400: not base64
 * (a `+` sent unencoded arrives as a space), not a JSON object, `{}` (an empty page's token, which
 * marks no position), or the other token family. Whether `logId` belongs to this very type is
 * checked by the caller against the stream.
 */
export function decodeToken(type: ForcepointOneLogType, raw: string): TokenPosition {
  const invalid = (why: string) => new HttpError(400, "invalid_request", `Invalid nextpagetoken: ${why}`);
  if (raw.includes(" ")) throw invalid("it contains a space; URL-encode the token (a '+' must be sent as %2B)");
  const bytes = Buffer.from(raw, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || raw.length % 4 !== 0 || bytes.toString("base64") !== raw) {
    throw invalid("not a token issued by this service");
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw invalid("not a token issued by this service");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid("not a token issued by this service");
  const fields = value as Record<string, unknown>;
  if (Object.keys(fields).length === 0) {
    throw invalid("it marks an empty page and holds no position; resume with the token of the last page that had records");
  }
  const logId = fields["log_id"];
  if (typeof logId !== "string") throw invalid(`it does not belong to log type ${type}`);
  if (WINDOW_TYPES.includes(type)) {
    const start = typeof fields["start_time"] === "string" ? Date.parse(fields["start_time"]) : NaN;
    const page = fields["page"];
    if (Number.isNaN(start) || typeof fields["end_time"] !== "string" || !Number.isSafeInteger(page)) {
      throw invalid(`it does not belong to log type ${type}`);
    }
    return { logId, startTime: start, page: page as number };
  }
  if (typeof fields["datetime"] !== "string" || "page" in fields) throw invalid(`it does not belong to log type ${type}`);
  return { logId, startTime: 0, page: 0 };
}

function isoSeconds(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** `2021-12-23T18:32:57.308000Z`: microseconds, as Python prints them. */
function isoMicros(time: number): string {
  return new Date(time).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
