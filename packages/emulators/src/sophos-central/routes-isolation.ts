import { sendJson } from "../shared/http-helpers.js";
import { tenantOf } from "./context.js";
import type { Caller, Environment, RequestContext, SophosRoute } from "./context.js";
import { apiError, notFound } from "./errors.js";
import type { Principal } from "./state.js";
import { publicIsolation } from "./tenant-data.js";
import type { SophosIsolationActor } from "./types.js";

/** Endpoint isolation, in bulk and per endpoint (data-region hosts); the spec has checked the bodies. */
export const isolationRoutes: readonly SophosRoute[] = [
  { method: "POST", path: "/endpoint/v1/endpoints/isolation", access: "tenant", handle: bulkIsolation },
  { method: "GET", path: "/endpoint/v1/endpoints/{endpointId}/isolation", access: "tenant", handle: getIsolation },
  { method: "PATCH", path: "/endpoint/v1/endpoints/{endpointId}/isolation", access: "tenant", handle: setIsolation },
];

/**
 * `{ enabled, ids, comment? }` → 202 with the settings of every endpoint found; none found → 404;
 * an endpoint whose last change is still pending → 409. Unknown ids among found ones are skipped:
 * our assumption, marked unverified in the spec.
 */
function bulkIsolation(ctx: RequestContext, env: Environment, caller: Caller): void {
  const { enabled, comment, ids } = ctx.input.body as IsolationUpdate & { ids: string[] };
  const tenant = tenantOf(caller);
  const endpoints = [...new Set(ids.map((id) => id.toLowerCase()))].flatMap((id) => tenant.data.endpoint(id) ?? []);
  if (endpoints.length === 0) throw notFound("No endpoints found");
  const pending = endpoints.find((endpoint) => Date.now() < tenant.data.isolation(endpoint).pendingUntil);
  if (pending) throw conflict(pending.id);
  const actor = actorOf(caller.principal);
  const items = endpoints.map((endpoint) => {
    const isolation = tenant.data.setIsolation(endpoint, enabled, comment, actor, env.options.isolationPendingMs);
    return { id: endpoint.id, isolation };
  });
  sendJson(ctx.res, 202, { items });
}

function getIsolation(ctx: RequestContext, _env: Environment, caller: Caller): void {
  const tenant = tenantOf(caller);
  const endpoint = tenant.data.endpoint((ctx.params["endpointId"] ?? "").toLowerCase());
  if (!endpoint) throw notFound("Endpoint not found");
  sendJson(ctx.res, 200, publicIsolation(tenant.data.isolation(endpoint)));
}

/** `{ enabled, comment? }` → 200 with the new settings; a pending change → 409. */
function setIsolation(ctx: RequestContext, env: Environment, caller: Caller): void {
  const { enabled, comment } = ctx.input.body as IsolationUpdate;
  const tenant = tenantOf(caller);
  const endpoint = tenant.data.endpoint((ctx.params["endpointId"] ?? "").toLowerCase());
  if (!endpoint) throw notFound("Endpoint not found");
  const result = tenant.data.setIsolation(endpoint, enabled, comment, actorOf(caller.principal), env.options.isolationPendingMs);
  if (result === "conflict") throw conflict(endpoint.id);
  sendJson(ctx.res, 200, result);
}

interface IsolationUpdate {
  enabled: boolean;
  comment?: string;
}

/** The API credential shows up as a service of its account. */
function actorOf(principal: Principal): SophosIsolationActor {
  return { id: principal.clientId, type: "service", name: "API credential", accountType: principal.type, accountId: principal.id };
}

function conflict(endpointId: string) {
  return apiError(409, `Isolation or removal from isolation of ${endpointId} is in progress`);
}
