import { TLSSocket } from "node:tls";
import { HttpError, sendEmpty } from "../shared/http-helpers.js";
import { SCIM_BASE, sendScim } from "./context.js";
import type { Environment, ForcepointRoute, RequestContext } from "./context.js";
import type { GroupRecord, UserRecord } from "./directory.js";
import { parseFilter } from "./scim-filter.js";
import type { FilterClause } from "./scim-filter.js";
import { groupFromCreate, parsePatch, patchGroup, patchUser, userFromCreate } from "./scim-patch.js";
import { LIST_SCHEMA, originOf, project, renderGroup, renderUser } from "./scim-render.js";

const USERS = `${SCIM_BASE}/Users`;
const GROUPS = `${SCIM_BASE}/Groups`;

/** SCIM 2.0 Users and Groups (bearer tokens with the `scim` permission only); the spec has checked parameters and bodies. */
export const scimRoutes: readonly ForcepointRoute[] = [
  { method: "GET", path: USERS, scope: "scim", handle: (ctx, env) => list(ctx, env, "User") },
  { method: "POST", path: USERS, scope: "scim", handle: createUser },
  { method: "GET", path: `${USERS}/{id}`, scope: "scim", handle: (ctx, env) => getOne(ctx, env, "User") },
  { method: "PATCH", path: `${USERS}/{id}`, scope: "scim", handle: (ctx, env) => patchOne(ctx, env, "User") },
  { method: "DELETE", path: `${USERS}/{id}`, scope: "scim", handle: (ctx, env) => deleteOne(ctx, env, "User") },
  { method: "GET", path: GROUPS, scope: "scim", handle: (ctx, env) => list(ctx, env, "Group") },
  { method: "POST", path: GROUPS, scope: "scim", handle: createGroup },
  { method: "GET", path: `${GROUPS}/{id}`, scope: "scim", handle: (ctx, env) => getOne(ctx, env, "Group") },
  { method: "PATCH", path: `${GROUPS}/{id}`, scope: "scim", handle: (ctx, env) => patchOne(ctx, env, "Group") },
  { method: "DELETE", path: `${GROUPS}/{id}`, scope: "scim", handle: (ctx, env) => deleteOne(ctx, env, "Group") },
];

type Kind = "User" | "Group";

/** A `ListResponse` page: `startIndex` is 1-based (below 1 counts as 1), `count` is capped at `scimPageSize`. */
function list(ctx: RequestContext, env: Environment, kind: Kind): void {
  const query = ctx.input.query as { startIndex?: number; count?: number; filter?: string };
  const startIndex = Math.max(1, query.startIndex ?? 1);
  const count = Math.min(env.options.scimPageSize, Math.max(0, query.count ?? env.options.scimPageSize));
  const raw = query.filter;
  const allowed = kind === "User" ? ["username", "externalid", "id"] : ["displayname", "externalid", "id", "members"];
  const clauses = raw === undefined ? [] : parseFilter(raw, allowed);
  const matches: Array<UserRecord | GroupRecord> =
    kind === "User"
      ? env.directory.users().filter((user) => clauses.every((clause) => userMatches(user, clause)))
      : env.directory.groups().filter((group) => clauses.every((clause) => groupMatches(group, clause)));
  const page = matches.slice(startIndex - 1, startIndex - 1 + count);
  sendScim(ctx.res, 200, {
    schemas: [LIST_SCHEMA],
    totalResults: matches.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page.map((item) => project(render(ctx, env, kind, item), ctx.url)),
  });
}

function getOne(ctx: RequestContext, env: Environment, kind: Kind): void {
  sendScim(ctx.res, 200, project(render(ctx, env, kind, find(env, kind, ctx.params["id"] ?? "")), ctx.url));
}

function createUser(ctx: RequestContext, env: Environment): void {
  const user = env.directory.addUser(userFromCreate((ctx.input.body as Record<string, unknown>), env.directory));
  created(ctx, env, "User", user);
}

function createGroup(ctx: RequestContext, env: Environment): void {
  const { displayName, externalId, members } = groupFromCreate((ctx.input.body as Record<string, unknown>), env.directory);
  const group = env.directory.addGroup(displayName, externalId);
  created(ctx, env, "Group", env.directory.putGroup({ ...group, members }));
}

function patchOne(ctx: RequestContext, env: Environment, kind: Kind): void {
  const target = find(env, kind, ctx.params["id"] ?? "");
  const operations = parsePatch((ctx.input.body as Record<string, unknown>));
  const changed =
    kind === "User"
      ? env.directory.putUser(patchUser(target as UserRecord, operations, env.directory))
      : env.directory.putGroup(patchGroup(target as GroupRecord, operations, env.directory));
  sendScim(ctx.res, 200, render(ctx, env, kind, changed));
}

function deleteOne(ctx: RequestContext, env: Environment, kind: Kind): void {
  const target = find(env, kind, ctx.params["id"] ?? "");
  if (kind === "User") env.directory.deleteUser(target.id);
  else env.directory.deleteGroup(target.id);
  sendEmpty(ctx.res, 204);
}

function created(ctx: RequestContext, env: Environment, kind: Kind, item: UserRecord | GroupRecord): void {
  const body = render(ctx, env, kind, item);
  sendScim(ctx.res, 201, body, { Location: (body["meta"] as { location: string }).location });
}

function render(ctx: RequestContext, env: Environment, kind: Kind, item: UserRecord | GroupRecord): Record<string, unknown> {
  const origin = originOf(ctx.req.headers, ctx.req.socket instanceof TLSSocket);
  return kind === "User" ? renderUser(item as UserRecord, env.directory, origin) : renderGroup(item as GroupRecord, env.directory, origin);
}

function find(env: Environment, kind: Kind, id: string): UserRecord | GroupRecord {
  const found = kind === "User" ? env.directory.user(id) : env.directory.group(id);
  if (!found) throw new HttpError(404, "not_found", `${kind} ${id.slice(0, 64)} not found`);
  return found;
}

function userMatches(user: UserRecord, clause: FilterClause): boolean {
  if (clause.attribute === "username") return user.userName.toLowerCase() === clause.value.toLowerCase();
  return clause.attribute === "externalid" ? user.externalId === clause.value : user.id === clause.value;
}

function groupMatches(group: GroupRecord, clause: FilterClause): boolean {
  if (clause.attribute === "displayname") return group.displayName.toLowerCase() === clause.value.toLowerCase();
  if (clause.attribute === "members") return group.members.includes(clause.value);
  return clause.attribute === "externalid" ? group.externalId === clause.value : group.id === clause.value;
}
