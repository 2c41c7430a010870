import { randomUUID } from "node:crypto";
import { sendJson } from "../shared/http-helpers.js";
import { queryOf, tenantOf } from "./context.js";
import type { Caller, Environment, RequestContext, SophosRoute } from "./context.js";
import { badRequest, notFound } from "./errors.js";
import { pageByKey, pickFields } from "./paging.js";
import type { KeyOrder } from "./paging.js";
import type { TenantRecord } from "./state.js";
import type { SophosAlert } from "./types.js";

/** Largest `pageSize` of the alert list: the `maxSize` in Sophos's example, assumed to be the limit (unverified). */
const ALERT_MAX_PAGE_SIZE = 1000;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;
const SORTABLE: Record<string, (a: SophosAlert) => string | number> = {
  raisedAt: (a) => a.raisedAt,
  severity: (a) => ["low", "medium", "high"].indexOf(a.severity),
  category: (a) => a.category,
};

/** The Common API's alerts (data-region hosts). */
export const alertRoutes: readonly SophosRoute[] = [
  { method: "GET", path: "/common/v1/alerts", access: "tenant", handle: listAlerts },
  { method: "POST", path: "/common/v1/alerts/search", access: "tenant", handle: searchAlerts },
  { method: "GET", path: "/common/v1/alerts/{alertId}", access: "tenant", handle: getAlert },
  { method: "POST", path: "/common/v1/alerts/{alertId}/actions", access: "tenant", handle: actOnAlert },
];

function listAlerts(ctx: RequestContext, _env: Environment, caller: Caller): void {
  sendAlertPage(ctx, tenantOf(caller), queryOf(ctx));
}

/** The list's search with its criteria in the body: lists arrive as arrays, the rest as in the query. */
function searchAlerts(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const body = ctx.input.body as Record<string, unknown>;
  const criteria = Object.entries(body).map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(",") : String(value)]);
  sendAlertPage(ctx, tenantOf(caller), new Map(criteria));
}

function sendAlertPage(ctx: RequestContext, tenant: TenantRecord, query: Map<string, string>): void {
  const from = instant(query, "from");
  const to = instant(query, "to");
  const products = list(query, "product");
  const categories = list(query, "category");
  const severities = list(query, "severity", ["low", "medium", "high"]);
  const ids = list(query, "ids")?.map((id) => id.toLowerCase());
  const groupKey = query.get("groupKey");
  const matches = tenant.data.alerts.filter((alert) => {
    const raised = Date.parse(alert.raisedAt);
    return (
      (from === undefined || raised >= from) &&
      (to === undefined || raised < to) &&
      (products === undefined || products.includes(alert.product)) &&
      (categories === undefined || categories.includes(alert.category)) &&
      (severities === undefined || severities.includes(alert.severity)) &&
      (ids === undefined || ids.includes(alert.id)) &&
      (groupKey === undefined || alert.groupKey === groupKey)
    );
  });
  const { items, pages } = pageByKey(matches, sortOrder(query.get("sort"), tenant), query, ALERT_MAX_PAGE_SIZE);
  sendJson(ctx.res, 200, { items: pickFields(items, query.get("fields")), pages });
}

function getAlert(ctx: RequestContext, _env: Environment, caller: Caller): void {
  sendJson(ctx.res, 200, findAlert(ctx, tenantOf(caller)));
}

/**
 * `{ action, message? }`: the action must be one of the alert's `allowedActions` (exact case).
 * An acknowledged alert leaves the list (our reading of "acknowledge": it clears the alert).
 */
function actOnAlert(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const { action } = ctx.input.body as { action: string; message?: string };
  const tenant = tenantOf(caller);
  const alert = findAlert(ctx, tenant);
  // The status of a disallowed action is not documented; 400 is the spec's (unverified) assumption.
  if (!alert.allowedActions.includes(action)) {
    throw badRequest(`Action "${action.slice(0, 64)}" is not allowed for this alert; allowed: ${alert.allowedActions.join(", ")}`);
  }
  const now = new Date().toISOString();
  if (action === "acknowledge") tenant.data.removeAlert(alert.id);
  const done = action === "acknowledge";
  sendJson(ctx.res, 201, {
    id: randomUUID(),
    alertId: alert.id,
    action,
    status: done ? "completed" : "started",
    requestedAt: now,
    startedAt: now,
    completedAt: done ? now : null,
    result: "",
  });
}

function findAlert(ctx: RequestContext, tenant: TenantRecord): SophosAlert {
  const id = (ctx.params["alertId"] ?? "").toLowerCase();
  const alert = tenant.data.alert(id);
  if (!alert) throw notFound(`Alert ${id.slice(0, 64)} not found`);
  return alert;
}

function sortOrder(raw: string | undefined, tenant: TenantRecord): KeyOrder<SophosAlert> {
  const seq = (a: SophosAlert) => tenant.data.alertSeq(a);
  if (raw === undefined) return { name: "default", desc: false, value: (a) => a.raisedAt, seq };
  const match = /^([A-Za-z]+)(?::(asc|desc))?$/.exec(raw);
  const read = match ? SORTABLE[match[1]!] : undefined;
  if (!match || !read) throw badRequest(`sort must be field:asc or field:desc, field one of ${Object.keys(SORTABLE).join(", ")}`);
  return { name: raw, desc: match[2] === "desc", value: read, seq };
}

function list(query: Map<string, string>, name: string, allowed?: readonly string[]): string[] | undefined {
  const raw = query.get(name);
  if (raw === undefined) return undefined;
  const items = raw.split(",");
  if (items.some((item) => item === "" || (allowed !== undefined && !allowed.includes(item)))) {
    throw badRequest(`${name} must be a comma-separated list${allowed ? ` of ${allowed.join(", ")}` : ""}`);
  }
  return items;
}

/** A date-time; one without a zone is UTC, as Sophos's own examples write them. */
function instant(query: Map<string, string>, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === undefined) return undefined;
  const time = DATE_TIME.test(raw) ? Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(raw) ? raw : `${raw}Z`) : NaN;
  if (Number.isNaN(time)) throw badRequest(`${name} must be an ISO 8601 date-time such as 2021-02-12T10:00:00.000Z`);
  return time;
}
