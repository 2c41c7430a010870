import { HttpError, integerParam, parseJsonBody, sendJson, strictQuery } from "../shared/http-helpers.js";
import type { Environment, PaloAltoRoute, RequestContext } from "./context.js";
import { SEVERITY_WORDS } from "./seed.js";
import type { PaloAltoCloseCategory, PaloAltoIncident } from "./types.js";

const DELTA_PATH = "/incident/api/incidents/delta";
/** Query parameters of the delta list, in the order `nextPath` writes them. */
const DELTA_PARAMS = ["limit", "from", "to", "app_ids", "state", "severity", "status"] as const;
const CLOSE_CATEGORIES: readonly PaloAltoCloseCategory[] = ["no_reason", "business_justified", "misidentified"];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Incidents and apps (scope `incident_api`). */
export const incidentRoutes: readonly PaloAltoRoute[] = [
  { method: "GET", path: DELTA_PATH, scope: "incident_api", handle: listIncidentsDelta },
  { method: "GET", path: "/incident/api/incidents/{id}", scope: "incident_api", handle: getIncident },
  { method: "POST", path: "/incident/api/incidents/{id}/state", scope: "incident_api", handle: closeIncident },
  { method: "GET", path: "/incident/api/apps", scope: "incident_api", handle: listApps },
];

/**
 * One page of incidents ordered by `updated_at`, then id. `nextPath` repeats every filter and
 * the limit, with `from` moved just past the last incident returned (unchanged on an empty page).
 */
function listIncidentsDelta(ctx: RequestContext, env: Environment): void {
  const query = strictQuery(ctx.url, DELTA_PARAMS);
  const raw = query.get("limit");
  const limit = raw === undefined ? 50 : integerParam("limit", raw, 10, 1000);
  const from = dateParam(query, "from");
  const to = dateParam(query, "to");
  // No error for from > to: a nextPath past the end of a bounded window legitimately has it.
  const appIds = listParam(query, "app_ids", /^[A-Za-z0-9_-]+$/, "app ids");
  const states = listParam(query, "state", /^(open|closed)$/, "open or closed") ?? ["open"];
  const severities = listParam(query, "severity", /^[1-5]$/, "numbers 1 to 5")?.map((n) => SEVERITY_WORDS[Number(n)]);
  const statuses = listParam(query, "status", /^(open|closed)-[a-z][a-z ]*$/, "lower-case statuses such as open-new");

  const matches = (incident: PaloAltoIncident) => {
    const updated = Date.parse(incident.updated_at);
    return (
      (from === undefined || updated >= from) &&
      (to === undefined || updated <= to) &&
      (appIds === undefined || appIds.includes(incident.app_id)) &&
      states.includes(incident.state) &&
      (severities === undefined || severities.includes(incident.severity as never)) &&
      (statuses === undefined || statuses.includes(incident.status.toLowerCase()))
    );
  };
  const page: PaloAltoIncident[] = [];
  for (const incident of env.state.orderedIncidents()) {
    if (page.length === limit) break;
    if (matches(incident)) page.push(incident);
  }

  const next = new URLSearchParams();
  const last = page.at(-1);
  const nextFrom = last ? new Date(Date.parse(last.updated_at) + 1).toISOString() : query.get("from");
  for (const name of DELTA_PARAMS) {
    const value = name === "limit" ? String(limit) : name === "from" ? nextFrom : name === "state" ? states.join(",") : query.get(name);
    if (value !== undefined) next.set(name, value);
  }
  sendJson(ctx.res, 200, { resources: page, nextPath: `${DELTA_PATH}?${next}`, limit });
}

function getIncident(ctx: RequestContext, env: Environment): void {
  strictQuery(ctx.url, []);
  sendJson(ctx.res, 200, findIncident(ctx, env));
}

/** Closes an incident: `{ "state": "closed", "category": <CloseCategory> }`, nothing else. */
function closeIncident(ctx: RequestContext, env: Environment): void {
  strictQuery(ctx.url, []);
  const id = incidentId(ctx);
  const body = parseJsonBody(ctx.req, ctx.body);
  for (const key of Object.keys(body)) {
    if (key !== "state" && key !== "category") throw badRequest(`Unknown field "${key.slice(0, 64)}"`);
  }
  if (body["state"] === undefined) throw badRequest('Missing field "state"');
  if (body["state"] !== "closed") throw badRequest('"state" must be "closed": closing is the only change allowed');
  const category = body["category"];
  if (category === undefined) throw badRequest('Missing field "category"');
  if (typeof category !== "string" || !(CLOSE_CATEGORIES as readonly string[]).includes(category)) {
    throw badRequest(`"category" must be one of ${CLOSE_CATEGORIES.join(", ")}`);
  }
  const incident = env.state.incident(id);
  if (!incident) throw new HttpError(404, "not_found", `Incident ${id} not found`);
  sendJson(ctx.res, 200, env.state.closeIncident(incident, category as PaloAltoCloseCategory));
}

function listApps(ctx: RequestContext, env: Environment): void {
  strictQuery(ctx.url, []);
  sendJson(ctx.res, 200, env.state.apps);
}

function findIncident(ctx: RequestContext, env: Environment): PaloAltoIncident {
  const id = incidentId(ctx);
  const incident = env.state.incident(id);
  if (!incident) throw new HttpError(404, "not_found", `Incident ${id} not found`);
  return incident;
}

function incidentId(ctx: RequestContext): number {
  const raw = ctx.params["id"] ?? "";
  const id = /^[1-9]\d{0,17}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw badRequest("Incident id must be a positive integer");
  return id;
}

function dateParam(query: Map<string, string>, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === undefined) return undefined;
  const time = DATE_TIME.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(time)) throw badRequest(`"${name}" must be an ISO 8601 date-time such as 2021-08-23T09:26:25.872Z`);
  return time;
}

function listParam(query: Map<string, string>, name: string, item: RegExp, what: string): string[] | undefined {
  const raw = query.get(name);
  if (raw === undefined) return undefined;
  const items = raw.split(",");
  if (!items.every((value) => item.test(value))) {
    throw badRequest(`"${name}" must be a comma-separated list of ${what}, without empty items or spaces around commas`);
  }
  return items;
}

function badRequest(message: string): HttpError {
  return new HttpError(400, "invalid_request", message);
}
