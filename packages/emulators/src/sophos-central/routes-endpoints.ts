import { randomUUID } from "node:crypto";
import { parseJsonBody, sendJson, strictQuery } from "../shared/http-helpers.js";
import { tenantOf } from "./context.js";
import type { Caller, Environment, RequestContext, SophosRoute } from "./context.js";
import { ENDPOINT_LIST_PARAMS, endpointFilter } from "./endpoint-filters.js";
import { badRequest, notFound } from "./errors.js";
import { pageByKey, pickFields } from "./paging.js";
import type { KeyOrder } from "./paging.js";
import type { TenantRecord } from "./state.js";
import type { SophosEndpoint } from "./types.js";

/** Largest `pageSize` of the endpoint list (clients use 500; the limit itself is unverified). */
const ENDPOINT_MAX_PAGE_SIZE = 500;
/**
 * Fields the default `summary` view leaves out. Sophos describes the view only as "the most
 * commonly used set of fields"; this split is our choice.
 */
const SUMMARY_OMITS = ["ipv6Addresses", "macAddresses", "serialNumber", "lastOsUpdateAt", "lastAgentUpdateAt", "encryption", "lockdown", "cloned"];
const SORTABLE: Record<string, (e: SophosEndpoint) => string> = {
  hostname: (e) => e.hostname.toLowerCase(),
  lastSeenAt: (e) => e.lastSeenAt,
  type: (e) => e.type,
  id: (e) => e.id,
};

/** Endpoints, scans and tamper protection (data-region hosts). */
export const endpointRoutes: readonly SophosRoute[] = [
  { method: "GET", path: "/endpoint/v1/endpoints", access: "tenant", handle: listEndpoints },
  { method: "GET", path: "/endpoint/v1/endpoints/{endpointId}", access: "tenant", handle: getEndpoint },
  { method: "POST", path: "/endpoint/v1/endpoints/{endpointId}/scans", access: "tenant", handle: scanEndpoint },
  { method: "GET", path: "/endpoint/v1/endpoints/{endpointId}/tamper-protection", access: "tenant", handle: getTamper },
  { method: "POST", path: "/endpoint/v1/endpoints/{endpointId}/tamper-protection", access: "tenant", handle: updateTamper },
];

function listEndpoints(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const query = strictQuery(ctx.url, ENDPOINT_LIST_PARAMS);
  const tenant = tenantOf(caller);
  const view = viewParam(query);
  const matches = tenant.data.endpoints.filter(endpointFilter(query, Date.now()));
  const { items, pages } = pageByKey(matches, sortOrder(query.get("sort"), tenant), query, ENDPOINT_MAX_PAGE_SIZE);
  sendJson(ctx.res, 200, { items: pickFields(items.map((e) => inView(e, view)), query.get("fields")), pages });
}

function getEndpoint(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const query = strictQuery(ctx.url, ["view", "fields"]);
  const endpoint = findEndpoint(ctx, tenantOf(caller));
  sendJson(ctx.res, 200, pickFields([inView(endpoint, viewParam(query))], query.get("fields"))[0]);
}

/** `{}` in, 201 `{ id, status: "requested", requestedAt }` out. */
function scanEndpoint(ctx: RequestContext, _env: Environment, caller: Caller): void {
  strictQuery(ctx.url, []);
  const body = parseJsonBody(ctx.req, ctx.body);
  if (Object.keys(body).length > 0) throw badRequest("The scan request body must be an empty object");
  findEndpoint(ctx, tenantOf(caller));
  sendJson(ctx.res, 201, { id: randomUUID(), status: "requested", requestedAt: new Date().toISOString() });
}

function getTamper(ctx: RequestContext, _env: Environment, caller: Caller): void {
  strictQuery(ctx.url, []);
  const tenant = tenantOf(caller);
  sendJson(ctx.res, 200, structuredClone(tenant.data.tamper(findEndpoint(ctx, tenant))));
}

/** `{ enabled?, regeneratePassword? }`; turning it on needs an endpoint that supports it. */
function updateTamper(ctx: RequestContext, _env: Environment, caller: Caller): void {
  strictQuery(ctx.url, []);
  const body = parseJsonBody(ctx.req, ctx.body);
  for (const key of Object.keys(body)) {
    if (key !== "enabled" && key !== "regeneratePassword") throw badRequest(`Unknown field "${key.slice(0, 64)}"`);
    if (typeof body[key] !== "boolean") throw badRequest(`"${key}" must be a boolean`);
  }
  const tenant = tenantOf(caller);
  const endpoint = findEndpoint(ctx, tenant);
  const enabled = body["enabled"] as boolean | undefined;
  if (enabled === true && !endpoint.tamperProtectionSupported) throw badRequest("Tamper protection is not supported on this endpoint");
  sendJson(ctx.res, 201, structuredClone(tenant.data.updateTamper(endpoint, enabled, body["regeneratePassword"] === true)));
}

function findEndpoint(ctx: RequestContext, tenant: TenantRecord): SophosEndpoint {
  const id = (ctx.params["endpointId"] ?? "").toLowerCase();
  const endpoint = tenant.data.endpoint(id);
  if (!endpoint) throw notFound(`Endpoint ${id.slice(0, 64)} not found`);
  return endpoint;
}

function viewParam(query: Map<string, string>): "basic" | "summary" | "full" {
  const view = query.get("view") ?? "summary";
  if (view !== "basic" && view !== "summary" && view !== "full") throw badRequest("view must be basic, summary or full");
  return view;
}

function inView(endpoint: SophosEndpoint, view: "basic" | "summary" | "full"): Partial<SophosEndpoint> {
  const copy = structuredClone(endpoint) as Partial<SophosEndpoint>;
  if (view === "full") return copy;
  if (view === "basic") return { id: endpoint.id, type: endpoint.type, tenant: { ...endpoint.tenant }, hostname: endpoint.hostname };
  for (const field of SUMMARY_OMITS) delete copy[field as keyof SophosEndpoint];
  return copy;
}

/** `field:asc|desc` on one of the sortable fields; default: creation order. */
function sortOrder(raw: string | undefined, tenant: TenantRecord): KeyOrder<SophosEndpoint> {
  const seq = (e: SophosEndpoint) => tenant.data.endpointSeq(e);
  if (raw === undefined) return { name: "default", desc: false, value: () => 0, seq };
  const match = /^([A-Za-z]+)(?::(asc|desc))?$/.exec(raw);
  const read = match ? SORTABLE[match[1]!] : undefined;
  if (!match || !read) throw badRequest(`sort must be field:asc or field:desc, field one of ${Object.keys(SORTABLE).join(", ")}`);
  return { name: raw, desc: match[2] === "desc", value: read, seq };
}
