import { sendEmpty, sendJson } from "../shared/http-helpers.js";
import { notFound, pathId } from "./context.js";
import type { Environment, FortiRoute, RequestContext } from "./context.js";
import { sendList } from "./listing.js";
import type { ListDefinition } from "./listing.js";
import { badRequest } from "./state.js";
import type { StoredGroup } from "./state.js";
import { BodyReader } from "./validation.js";

const LIST = "/api/v1/usergroups/";
const GROUPS: ListDefinition = {
  path: LIST,
  fields: ["id", "name", "users", "password_policy"],
  filters: {
    id: { kind: "integer", lookups: ["exact", "in"] },
    name: { kind: "string", lookups: ["exact"] },
  },
};

/** `/api/v1/usergroups/`: list, create, read, replace (PUT), add members (PATCH) and delete groups. */
export const groupRoutes: readonly FortiRoute[] = [
  { method: "GET", path: LIST, auth: "rest", checks: "spec-except-query", handle: (ctx, env) => sendList(ctx, GROUPS, [...env.directory.groups.values()], renderFor(ctx)) },
  { method: "POST", path: LIST, auth: "rest", handle: createGroup },
  { method: "GET", path: `${LIST}{id}/`, auth: "rest", handle: (ctx, env) => sendJson(ctx.res, 200, renderFor(ctx)(findGroup(ctx, env))) },
  { method: "PUT", path: `${LIST}{id}/`, auth: "rest", handle: replaceGroup },
  { method: "PATCH", path: `${LIST}{id}/`, auth: "rest", handle: addMembers },
  { method: "DELETE", path: `${LIST}{id}/`, auth: "rest", handle: deleteGroup },
];

/** `return_members=false` leaves the member list out (a large group's list is long). */
function renderFor(ctx: RequestContext): (group: StoredGroup) => unknown {
  const flag = ctx.url.searchParams.get("return_members");
  if (flag !== null && !["true", "false"].includes(flag.toLowerCase())) throw badRequest("return_members must be true or false.");
  if (flag?.toLowerCase() !== "false") return copy;
  return (group) => {
    const { users: _members, ...rest } = copy(group);
    return rest;
  };
}

function createGroup(ctx: RequestContext, env: Environment): void {
  const body = new BodyReader(ctx);
  const name = uniqueName(body, env, undefined);
  const users = body.has("users") ? env.directory.userUris(body.raw("users")) : [];
  const group = env.directory.addGroup({ name, users, password_policy: body.string("password_policy") || "default" });
  sendEmpty(ctx.res, 201, { Location: group.resource_uri, "Content-Length": 0 });
}

/** PUT: existing members are removed, then the given ones added (the body has GET's form). */
function replaceGroup(ctx: RequestContext, env: Environment): void {
  const group = findGroup(ctx, env);
  const body = new BodyReader(ctx);
  const name = uniqueName(body, env, group);
  const users = body.has("users") ? env.directory.userUris(body.raw("users")) : [];
  Object.assign(group, { name, users, password_policy: body.string("password_policy") || "default" });
  sendJson(ctx.res, 202, copy(group));
}

/** PATCH: the given members are added (existing ones stay); `name` renames. */
function addMembers(ctx: RequestContext, env: Environment): void {
  const group = findGroup(ctx, env);
  const body = new BodyReader(ctx);
  const name = body.has("name") ? uniqueName(body, env, group) : group.name;
  const added = body.has("users") ? env.directory.userUris(body.raw("users")) : [];
  const policy = body.string("password_policy");
  group.name = name;
  group.users = [...new Set([...group.users, ...added])];
  if (policy) group.password_policy = policy;
  sendJson(ctx.res, 202, copy(group));
}

function deleteGroup(ctx: RequestContext, env: Environment): void {
  env.directory.groups.delete(findGroup(ctx, env).id);
  sendEmpty(ctx.res, 204);
}

function findGroup(ctx: RequestContext, env: Environment): StoredGroup {
  const group = env.directory.groups.get(pathId(ctx));
  if (!group) throw notFound();
  return group;
}

function uniqueName(body: BodyReader, env: Environment, self: StoredGroup | undefined): string {
  const name = body.required("name");
  for (const other of env.directory.groups.values()) {
    if (other !== self && other.name === name) throw badRequest(`A group named "${name}" already exists.`);
  }
  return name;
}

function copy(group: StoredGroup): StoredGroup {
  return { ...group, users: [...group.users] };
}
