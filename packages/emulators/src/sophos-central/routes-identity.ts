import { sendJson } from "../shared/http-helpers.js";
import { queryOf } from "./context.js";
import type { Caller, Environment, RequestContext, SophosRoute } from "./context.js";
import { notFound } from "./errors.js";
import { pageByNumber, pickFields } from "./paging.js";
import type { SophosTenant, SophosWhoAmI } from "./types.js";

/** Largest `pageSize` of the tenant lists (the `maxSize` Sophos reports). */
const TENANT_MAX_PAGE_SIZE = 100;

/** `GET /whoami/v1` (every API host). */
export const whoamiRoutes: readonly SophosRoute[] = [{ method: "GET", path: "/whoami/v1", access: "whoami", handle: whoami }];

/** Partner and organization tenant lists (global host). */
export const tenantRoutes: readonly SophosRoute[] = [
  { method: "GET", path: "/partner/v1/tenants", access: "partner", handle: listTenants },
  { method: "GET", path: "/partner/v1/tenants/{tenantId}", access: "partner", handle: getTenant },
  { method: "GET", path: "/organization/v1/tenants", access: "organization", handle: listTenants },
  { method: "GET", path: "/organization/v1/tenants/{tenantId}", access: "organization", handle: getTenant },
];

/** The caller's identity; `dataRegion` only for a tenant. */
function whoami(ctx: RequestContext, env: Environment, caller: Caller): void {
  const { principal } = caller;
  const body: SophosWhoAmI = { id: principal.id, idType: principal.type, apiHosts: { global: env.urls.global } };
  if (principal.type === "tenant") {
    const region = env.world.tenant(principal.id)?.region;
    if (region) body.apiHosts.dataRegion = env.urls.regions[region];
  }
  sendJson(ctx.res, 200, body);
}

function listTenants(ctx: RequestContext, env: Environment, caller: Caller): void {
  const query = queryOf(ctx);
  const tenants = env.world.tenantsOf(caller.principal).map((record) => record.tenant);
  const { items, pages } = pageByNumber(tenants, query, TENANT_MAX_PAGE_SIZE);
  sendJson(ctx.res, 200, { items: pickFields<SophosTenant>(items, query.get("fields")), pages });
}

function getTenant(ctx: RequestContext, env: Environment, caller: Caller): void {
  const id = (ctx.params["tenantId"] ?? "").toLowerCase();
  const tenant = env.world.tenantsOf(caller.principal).find((record) => record.tenant.id === id);
  if (!tenant) throw notFound(`Tenant ${id.slice(0, 64)} not found`);
  sendJson(ctx.res, 200, pickFields([tenant.tenant], queryOf(ctx).get("fields"))[0]);
}
