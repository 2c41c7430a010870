import { sendJson, strictQuery } from "../shared/http-helpers.js";
import { badRequest } from "./context.js";
import type { Environment, ForcepointRoute, RequestContext } from "./context.js";
import { toCsv } from "./csv.js";
import { decodeToken, EMPTY_OBJECT_TOKEN, encodeToken } from "./page-token.js";
import type { TokenPosition } from "./page-token.js";
import { FORCEPOINT_ONE_LOG_TYPES } from "./types.js";
import type { ForcepointOneLogType } from "./types.js";

export const LOGS_PATH = "/api/bitglassapi/logs";

/** Every path the service answers the log API on (documented `/logs/v1/`, collectors' `/logs/` and `/logs`). */
export const LOGS_PATH_ALIASES: readonly string[] = [LOGS_PATH, `${LOGS_PATH}/`, `${LOGS_PATH}/v1`, `${LOGS_PATH}/v1/`];

/** Lowest `cv` per type (the official collector raises `cv` to these itself). */
const CV_MINIMUM: Partial<Record<ForcepointOneLogType, string>> = {
  swgweb: "1.1.0",
  swgwebdlp: "1.1.0",
  healthproxy: "1.1.5",
  healthapi: "1.1.5",
  healthsystem: "1.1.5",
  ztna: "1.1.5",
};

/** Types whose records come newest first within a page (pages still move forward in time). */
const NEWEST_FIRST: readonly ForcepointOneLogType[] = ["swgweb", "swgwebdlp"];

export const logRoutes: readonly ForcepointRoute[] = [{ method: "GET", path: LOGS_PATH, scope: "logs", checks: "own", handle: getLogs }];

/**
 * One page of one log type. First call: `startdate` (records at or after it). Later calls:
 * `nextpagetoken` (records after the token's record). Exactly one of the two.
 */
function getLogs(ctx: RequestContext, env: Environment): void {
  const query = strictQuery(ctx.url, ["type", "cv", "responseformat", "startdate", "nextpagetoken"]);
  const type = query.get("type");
  if (type === undefined) throw badRequest("Required parameter missing: type");
  if (!(FORCEPOINT_ONE_LOG_TYPES as readonly string[]).includes(type)) {
    throw badRequest(`Invalid type: ${type.slice(0, 40)}. Supported types are: ${FORCEPOINT_ONE_LOG_TYPES.join(", ")}`);
  }
  const logType = type as ForcepointOneLogType;
  checkCv(logType, query.get("cv"), env.options.enforceCvMinimums);
  const format = query.get("responseformat") ?? "csv";
  if (format !== "json" && format !== "csv") throw badRequest('Invalid responseformat: use "json" or "csv"');

  const startdate = query.get("startdate");
  const sentToken = query.get("nextpagetoken");
  if (startdate !== undefined && sentToken !== undefined) throw badRequest("Send either startdate or nextpagetoken, not both");
  let from: number;
  let chain: Omit<TokenPosition, "logId">;
  if (sentToken !== undefined) {
    const position = decodeToken(logType, sentToken);
    const index = env.logs.indexOf(logType, position.logId);
    if (index < 0) throw badRequest(`Invalid nextpagetoken: it does not belong to log type ${logType}`);
    from = index + 1;
    chain = { startTime: position.startTime, page: position.page };
  } else {
    if (startdate === undefined) throw badRequest("Required parameter missing: startdate (the first request must include it)");
    const start = parseStartDate(startdate);
    from = env.logs.firstAtOrAfter(logType, start);
    chain = { startTime: start, page: 0 };
  }

  const page = env.logs.records(logType).slice(from, from + env.options.pageSize);
  const last = page.at(-1);
  let nextpagetoken: string;
  if (last) nextpagetoken = encodeToken(logType, { ...chain, logId: last.logId, page: chain.page + 1 }, last.time);
  else if (env.options.emptyPageToken === "empty-object") nextpagetoken = EMPTY_OBJECT_TOKEN;
  else nextpagetoken = env.options.emptyPageToken === "repeat" ? (sentToken ?? "") : "";

  const records = page.map((stored) => stored.record);
  if (NEWEST_FIRST.includes(logType)) records.reverse();
  sendJson(ctx.res, 200, {
    status: "Request was successful",
    nextpagetoken,
    response: { dataformat: format, dataencoding: "utf-8", data: format === "json" ? records : toCsv(records) },
  });
}

function checkCv(type: ForcepointOneLogType, cv: string | undefined, enforce: boolean): void {
  if (cv === undefined) throw badRequest("Required parameter missing: cv (the collector version, e.g. 1.1.5)");
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(cv)) throw badRequest(`Invalid cv: ${cv.slice(0, 20)}. Use a version such as 1.1.5`);
  const minimum = CV_MINIMUM[type];
  if (enforce && minimum !== undefined && compareVersions(cv, minimum) < 0) {
    throw badRequest(`Log type ${type} needs cv ${minimum} or later`);
  }
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, UTC, as the documentation and every collector send it. */
function parseStartDate(raw: string): number {
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 19) !== raw.slice(0, 19)) {
    throw badRequest(`Invalid startdate: ${raw.slice(0, 40)}. Use UTC as YYYY-MM-DDTHH:MM:SSZ`);
  }
  return time;
}
