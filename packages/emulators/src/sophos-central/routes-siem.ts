import { sendJson } from "../shared/http-helpers.js";
import { queryOf, tenantOf } from "./context.js";
import type { Caller, Environment, RequestContext, SophosRoute } from "./context.js";
import { badRequest } from "./errors.js";
import { intParam } from "./paging.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const CURSOR_PREFIX = "V2_CURSOR|";

/** The SIEM Integration API (data-region hosts). */
export const siemRoutes: readonly SophosRoute[] = [
  { method: "GET", path: "/siem/v1/events", access: "tenant", handle: (ctx, env, caller) => feed(ctx, env, caller, "events") },
  { method: "GET", path: "/siem/v1/alerts", access: "tenant", handle: (ctx, env, caller) => feed(ctx, env, caller, "alerts") },
];

/**
 * `{ has_more, next_cursor, items }`, oldest first by `created_at` (the order is our assumption;
 * the spec marks it unverified, like the 400 for a `from_date` older than 24 hours). The cursor
 * is, as Sophos's own cursors decode, base64 of `V2_CURSOR|<created_at of the last item
 * delivered>`; items after that instant follow. `next_cursor` is on every answer, the last one
 * included, so a saved cursor resumes with only what arrived since. Every item has a distinct
 * `created_at`, so resuming never skips or repeats one.
 */
function feed(ctx: RequestContext, _env: Environment, caller: Caller, kind: "events" | "alerts"): void {
  const query = queryOf(ctx);
  const now = Date.now();
  const limit = intParam(query, "limit", 200, 1, 1000);
  const offsetMinutes = intParam(query, "from_date_offset_minutes", 0, 0, 24 * 60);
  const excluded = excludedTypes(query.get("exclude_types"));
  const oldest = now - DAY_MS;

  let after: number;
  const cursor = query.get("cursor");
  if (cursor !== undefined) {
    // A cursor past the 24-hour window resumes from the window's start, as documented.
    after = Math.max(decodeCursor(cursor), oldest - 1);
  } else if (query.has("from_date")) {
    const fromDate = intParam(query, "from_date", 0, 0, Number.MAX_SAFE_INTEGER) * 1000;
    if (fromDate < oldest - 1000) throw badRequest("from_date must be within the last 24 hours");
    after = fromDate - 1;
  } else {
    after = oldest - 1;
  }
  // Appended items can be dated a few milliseconds ahead (times are kept distinct), so only an
  // explicit offset sets an upper bound.
  const until = offsetMinutes > 0 ? now - offsetMinutes * 60_000 : Infinity;

  const tenant = tenantOf(caller);
  const all: ReadonlyArray<{ created_at: string; type: string }> = kind === "events" ? tenant.data.siemEvents : tenant.data.siemAlerts;
  const ready = all.filter((item) => {
    const created = Date.parse(item.created_at);
    return created > after && created <= until && !excluded.has(item.type);
  });
  const items = ready.slice(0, limit);
  const last = items.at(-1);
  const position = last ? Date.parse(last.created_at) : after;
  sendJson(ctx.res, 200, { has_more: ready.length > items.length, next_cursor: encodeCursor(position), items });
}

function excludedTypes(raw: string | undefined): Set<string> {
  if (raw === undefined) return new Set();
  const types = raw.split(",");
  if (types.some((type) => !/^[A-Za-z]+(::[A-Za-z]+)+$/.test(type))) {
    throw badRequest("exclude_types must be a comma-separated list of event types such as Event::Endpoint::UpdateSuccess");
  }
  return new Set(types);
}

function encodeCursor(time: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${new Date(time).toISOString()}`).toString("base64");
}

function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9+/]+={0,2}$/.test(cursor) ? Buffer.from(cursor, "base64").toString("utf8") : "";
  const time = text.startsWith(CURSOR_PREFIX) ? Date.parse(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (Number.isNaN(time)) throw badRequest("cursor is not a cursor this API returned");
  return time;
}
