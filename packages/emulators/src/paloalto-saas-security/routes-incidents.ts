import { HttpError, sendJson } from "../shared/http-helpers.js";
import type { Environment, PaloAltoRoute, RequestContext } from "./context.js";
import { SEVERITY_WORDS } from "./seed.js";
import type { PaloAltoCloseCategory, PaloAltoIncident } from "./types.js";

const DELTA_PATH = "/incident/api/incidents/delta";
/** Query parameters of the delta list, in the order `nextPath` writes them. */
const DELTA_PARAMS = ["limit", "from", "to", "app_ids", "state", "severity", "status"] as const;

/** Incidents and apps (scope `incident_api`); the spec has checked every value before these run. */
export const incidentRoutes: readonly PaloAltoRoute[] = [
  { method: "GET", path: DELTA_PATH, scope: "incident_api", handle: listIncidentsDelta },
  { method: "GET", path: "/incident/api/incidents/{id}", scope: "incident_api", handle: getIncident },
  { method: "GET", path: "/incident/api/incidents/{id}/state", scope: "incident_api", handle: getIncidentState },
  { method: "POST", path: "/incident/api/incidents/{id}/state", scope: "incident_api", handle: closeIncident },
  { method: "GET", path: "/incident/api/apps", scope: "incident_api", handle: listApps },
];

/**
 * One page of incidents ordered by `updated_at`, then id. `nextPath` repeats every filter and
 * the limit, with `from` moved just past the last incident returned (unchanged on an empty page).
 */
function listIncidentsDelta(ctx: RequestContext, env: Environment): void {
  const query = ctx.input.query as Partial<Record<(typeof DELTA_PARAMS)[number], string>> & { limit?: number };
  const limit = query.limit ?? 50;
  const from = dateParam(query.from);
  const to = dateParam(query.to);
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
  const nextFrom = last ? new Date(Date.parse(last.updated_at) + 1).toISOString() : query.from;
  for (const name of DELTA_PARAMS) {
    const value = name === "limit" ? String(limit) : name === "from" ? nextFrom : name === "state" ? states.join(",") : query[name];
    if (value !== undefined) next.set(name, value);
  }
  sendJson(ctx.res, 200, { resources: page, nextPath: `${DELTA_PATH}?${next.toString()}`, limit });
}

function getIncident(ctx: RequestContext, env: Environment): void {
  sendJson(ctx.res, 200, findIncident(ctx, env));
}

function getIncidentState(ctx: RequestContext, env: Environment): void {
  const { state, category, resolved_by, resolution_date } = findIncident(ctx, env);
  sendJson(ctx.res, 200, { state, category, resolved_by, resolution_date });
}

/** Closes an incident: the spec allows `{ "state": "closed", "category": <CloseCategory> }` only. */
function closeIncident(ctx: RequestContext, env: Environment): void {
  const { category } = ctx.input.body as { category: PaloAltoCloseCategory };
  sendJson(ctx.res, 200, env.state.closeIncident(findIncident(ctx, env), category));
}

function listApps(ctx: RequestContext, env: Environment): void {
  sendJson(ctx.res, 200, env.state.apps);
}

function findIncident(ctx: RequestContext, env: Environment): PaloAltoIncident {
  const id = ctx.input.path["id"] as number;
  const incident = env.state.incident(id);
  if (!incident) throw new HttpError(404, "not_found", `Incident ${id} not found`);
  return incident;
}

function dateParam(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : Date.parse(raw);
}

/** A comma-separated list; the spec types these as plain strings, so their items are checked here. */
function listParam(query: Partial<Record<string, unknown>>, name: string, item: RegExp, what: string): string[] | undefined {
  const raw = query[name];
  if (typeof raw !== "string") return undefined;
  const items = raw.split(",");
  if (!items.every((value) => item.test(value))) {
    throw new HttpError(400, "invalid_request", `"${name}" must be a comma-separated list of ${what}, without empty items or spaces around commas`);
  }
  return items;
}
