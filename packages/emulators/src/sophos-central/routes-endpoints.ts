import { randomUUID } from "node:crypto";
import { sendJson } from "../shared/http-helpers.js";
import { queryOf, tenantOf } from "./context.js";
import type { Caller, Environment, RequestContext, SophosRoute } from "./context.js";
import { endpointFilter } from "./endpoint-filters.js";
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

/** Endpoints (list, read, delete), scans and tamper protection (data-region hosts). */
export const endpointRoutes: readonly SophosRoute[] = [
  { method: "GET", path: "/endpoint/v1/endpoints", access: "tenant", handle: listEndpoints },
  { method: "GET", path: "/endpoint/v1/endpoints/{endpointId}", access: "tenant", handle: getEndpoint },
  { method: "DELETE", path: "/endpoint/v1/endpoints/{endpointId}", access: "tenant", handle: deleteEndpoint },
  { method: "POST", path: "/endpoint/v1/endpoints/delete", access: "tenant", handle: deleteEndpoints },
  { method: "POST", path: "/endpoint/v1/endpoints/{endpointId}/scans", access: "tenant", handle: scanEndpoint },
  { method: "GET", path: "/endpoint/v1/endpoints/{endpointId}/tamper-protection", access: "tenant", handle: getTamper },
  { method: "POST", path: "/endpoint/v1/endpoints/{endpointId}/tamper-protection", access: "tenant", handle: updateTamper },
];

function listEndpoints(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const query = queryOf(ctx);
  const tenant = tenantOf(caller);
  const view = viewParam(query);
  const matches = tenant.data.endpoints.filter(endpointFilter(query, Date.now()));
  const { items, pages } = pageByKey(matches, sortOrder(query.get("sort"), tenant), query, ENDPOINT_MAX_PAGE_SIZE);
  sendJson(ctx.res, 200, { items: pickFields(items.map((e) => inView(e, view)), query.get("fields")), pages });
}

function getEndpoint(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const query = queryOf(ctx);
  const endpoint = findEndpoint(ctx, tenantOf(caller));
  sendJson(ctx.res, 200, pickFields([inView(endpoint, viewParam(query))], query.get("fields"))[0]);
}

function deleteEndpoint(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const tenant = tenantOf(caller);
  tenant.data.removeEndpoints([findEndpoint(ctx, tenant).id]);
  sendJson(ctx.res, 200, { deleted: true });
}

/** Ids the tenant does not have are left out of the answer (unverified, as the spec says). */
function deleteEndpoints(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const { endpointIds } = ctx.input.body as { endpointIds: string[] };
  const ids = [...new Set(endpointIds.map((id) => id.toLowerCase()))];
  sendJson(ctx.res, 200, { endpointIds: tenantOf(caller).data.removeEndpoints(ids) });
}

/** `{}` in (the spec allows nothing else), 201 `{ id, status: "requested", requestedAt }` out. */
function scanEndpoint(ctx: RequestContext, _env: Environment, caller: Caller): void {
  findEndpoint(ctx, tenantOf(caller));
  sendJson(ctx.res, 201, { id: randomUUID(), status: "requested", requestedAt: new Date().toISOString() });
}

function getTamper(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const tenant = tenantOf(caller);
  sendJson(ctx.res, 200, structuredClone(tenant.data.tamper(findEndpoint(ctx, tenant))));
}

/** `{ enabled?, regeneratePassword? }`; turning it on needs an endpoint that supports it. */
function updateTamper(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const { enabled, regeneratePassword } = ctx.input.body as { enabled?: boolean; regeneratePassword?: boolean };
  const tenant = tenantOf(caller);
  const endpoint = findEndpoint(ctx, tenant);
  if (enabled === true && !endpoint.tamperProtectionSupported) throw badRequest("Tamper protection is not supported on this endpoint");
  sendJson(ctx.res, 201, structuredClone(tenant.data.updateTamper(endpoint, enabled, regeneratePassword === true)));
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
