import { parseJsonBody, sendJson, strictQuery } from "../shared/http-helpers.js";
import { tenantOf } from "./context.js";
import type { Caller, Environment, RequestContext, SophosRoute } from "./context.js";
import { apiError, badRequest, notFound } from "./errors.js";
import type { Principal } from "./state.js";
import { publicIsolation } from "./tenant-data.js";
import type { SophosIsolationActor } from "./types.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Most ids per bulk call; Sophos does not document a limit, this is our choice. */
const MAX_BULK_IDS = 1000;

/** Endpoint isolation, in bulk and per endpoint (data-region hosts). */
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
  strictQuery(ctx.url, []);
  const body = parseJsonBody(ctx.req, ctx.body);
  const { enabled, comment } = readUpdate(body, ["enabled", "ids", "comment"]);
  const ids = body["ids"];
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK_IDS || !ids.every((id) => typeof id === "string" && UUID.test(id))) {
    throw badRequest(`"ids" must be an array of 1 to ${MAX_BULK_IDS} endpoint ids`);
  }
  const tenant = tenantOf(caller);
  const endpoints = [...new Set(ids.map((id: string) => id.toLowerCase()))].flatMap((id) => tenant.data.endpoint(id) ?? []);
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
  strictQuery(ctx.url, []);
  const tenant = tenantOf(caller);
  const endpoint = tenant.data.endpoint((ctx.params["endpointId"] ?? "").toLowerCase());
  if (!endpoint) throw notFound("Endpoint not found");
  sendJson(ctx.res, 200, publicIsolation(tenant.data.isolation(endpoint)));
}

/** `{ enabled, comment? }` → 200 with the new settings; a pending change → 409. */
function setIsolation(ctx: RequestContext, env: Environment, caller: Caller): void {
  strictQuery(ctx.url, []);
  const { enabled, comment } = readUpdate(parseJsonBody(ctx.req, ctx.body), ["enabled", "comment"]);
  const tenant = tenantOf(caller);
  const endpoint = tenant.data.endpoint((ctx.params["endpointId"] ?? "").toLowerCase());
  if (!endpoint) throw notFound("Endpoint not found");
  const result = tenant.data.setIsolation(endpoint, enabled, comment, actorOf(caller.principal), env.options.isolationPendingMs);
  if (result === "conflict") throw conflict(endpoint.id);
  sendJson(ctx.res, 200, result);
}

function readUpdate(body: Record<string, unknown>, allowed: readonly string[]): { enabled: boolean; comment: string | undefined } {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw badRequest(`Unknown field "${key.slice(0, 64)}"`);
  if (typeof body["enabled"] !== "boolean") throw badRequest('"enabled" is required and must be a boolean');
  const comment = body["comment"];
  if (comment !== undefined && typeof comment !== "string") throw badRequest('"comment" must be a string');
  return { enabled: body["enabled"], comment };
}

/** The API credential shows up as a service of its account. */
function actorOf(principal: Principal): SophosIsolationActor {
  return { id: principal.clientId, type: "service", name: "API credential", accountType: principal.type, accountId: principal.id };
}

function conflict(endpointId: string) {
  return apiError(409, `Isolation or removal from isolation of ${endpointId} is in progress`);
}
