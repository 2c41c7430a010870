import { openApiDocument } from "./generated/openapi.js";
import { sendEmpty, sendJson } from "../shared/http-helpers.js";
import { notFound, pathId } from "./context.js";
import type { Environment, FortiRoute, RequestContext } from "./context.js";
import { sendList } from "./listing.js";
import type { ListDefinition } from "./listing.js";
import { badRequest } from "./state.js";
import type { StoredRadiusClient } from "./state.js";
import { BodyReader } from "./validation.js";

const TOKENS: ListDefinition = {
  path: "/api/v1/fortitokens/",
  fields: ["id", "serial", "type", "status", "locked", "license", "last_used_at"],
  filters: {
    id: { kind: "integer", lookups: ["exact", "in"] },
    serial: { kind: "string", lookups: ["exact", "iexact"] },
    type: { kind: "string", lookups: ["exact"] },
    status: { kind: "string", lookups: ["exact"] },
    license: { kind: "string", lookups: ["exact"] },
  },
};
const RADIUS: ListDefinition = {
  path: "/api/v1/radiusclients/",
  fields: ["id", "name", "address", "accounting_usage", "disconnect"],
  filters: { id: { kind: "integer", lookups: ["exact", "in"] }, name: { kind: "string", lookups: ["exact"] } },
};
/** Resources listed by the API root, in the root's order. */
/** The resources the spec describes under `/api/v1/<name>/` (the OAuth endpoints are not listed). */
const RESOURCES = [
  ...new Set(
    Object.keys(openApiDocument.paths)
      .map((path) => /^\/api\/v1\/([a-z-]+)\/$/.exec(path)?.[1])
      .filter((name): name is string => name !== undefined && name !== "oauth" && name !== "pushpoll"),
  ),
].sort();

/** The API root, FortiTokens (list, read, delete) and RADIUS clients. */
export const directoryRoutes: readonly FortiRoute[] = [
  { method: "GET", path: "/api/v1/", auth: "rest", handle: listResources },
  { method: "GET", path: TOKENS.path, auth: "rest", checks: "spec-except-query", handle: (ctx, env) => sendList(ctx, TOKENS, [...env.directory.tokens.values()], (t) => ({ ...t })) },
  // Reading one token is not documented (the spec marks it unverified); DELETE is.
  { method: "GET", path: `${TOKENS.path}{id}/`, auth: "rest", handle: getToken },
  { method: "DELETE", path: `${TOKENS.path}{id}/`, auth: "rest", handle: deleteToken },
  { method: "GET", path: RADIUS.path, auth: "rest", checks: "spec-except-query", handle: (ctx, env) => sendList(ctx, RADIUS, [...env.directory.radiusClients.values()], (c) => env.directory.renderRadius(c)) },
  { method: "POST", path: RADIUS.path, auth: "rest", handle: createRadiusClient },
  { method: "GET", path: `${RADIUS.path}{id}/`, auth: "rest", handle: (ctx, env) => sendJson(ctx.res, 200, env.directory.renderRadius(findRadius(ctx, env))) },
  { method: "PUT", path: `${RADIUS.path}{id}/`, auth: "rest", handle: replaceRadiusClient },
  { method: "DELETE", path: `${RADIUS.path}{id}/`, auth: "rest", handle: deleteRadiusClient },
];

function listResources(ctx: RequestContext): void {
  const index = Object.fromEntries(RESOURCES.map((name) => [name, { list_endpoint: `/api/v1/${name}/`, schema: `/api/v1/${name}/schema/` }]));
  sendJson(ctx.res, 200, index);
}

function getToken(ctx: RequestContext, env: Environment): void {
  const token = env.directory.tokens.get(pathId(ctx));
  if (!token) throw notFound();
  sendJson(ctx.res, 200, { ...token });
}

/**
 * Deletes a token that no user holds. A token assigned to a user (or pending activation) → 400:
 * our choice, the appliance's answer is not documented.
 */
function deleteToken(ctx: RequestContext, env: Environment): void {
  const token = env.directory.tokens.get(pathId(ctx));
  if (!token) throw notFound();
  if (token.status === "assigned" || token.status === "pending") {
    throw badRequest(`FortiToken "${token.serial}" is assigned to a user; unassign it first.`);
  }
  env.directory.tokens.delete(token.id);
  sendEmpty(ctx.res, 204);
}

function createRadiusClient(ctx: RequestContext, env: Environment): void {
  const client = env.directory.addRadiusClient(radiusFields(new BodyReader(ctx), env, undefined));
  sendEmpty(ctx.res, 201, { Location: client.resource_uri, "Content-Length": 0 });
}

/** PUT replaces every field, so `name`, `address` and `secret` are required again. */
function replaceRadiusClient(ctx: RequestContext, env: Environment): void {
  const client = findRadius(ctx, env);
  Object.assign(client, radiusFields(new BodyReader(ctx), env, client));
  sendJson(ctx.res, 202, env.directory.renderRadius(client));
}

function deleteRadiusClient(ctx: RequestContext, env: Environment): void {
  env.directory.radiusClients.delete(findRadius(ctx, env).id);
  sendEmpty(ctx.res, 204);
}

function findRadius(ctx: RequestContext, env: Environment): StoredRadiusClient {
  const client = env.directory.radiusClients.get(pathId(ctx));
  if (!client) throw notFound();
  return client;
}

function radiusFields(body: BodyReader, env: Environment, self: StoredRadiusClient | undefined): Omit<StoredRadiusClient, "id" | "resource_uri"> {
  const name = body.required("name");
  for (const other of env.directory.radiusClients.values()) {
    if (other !== self && other.name === name) throw badRequest(`A RADIUS client named "${name}" already exists.`);
  }
  return {
    name,
    address: body.required("address"),
    secret: body.required("secret"),
    accounting_usage: body.boolean("accounting_usage") ?? false,
    disconnect: body.boolean("disconnect") ?? false,
  };
}
