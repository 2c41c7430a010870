import { sendEmpty, sendJson } from "../shared/http-helpers.js";
import type { Environment, InsightContext, InsightRoute } from "./context.js";
import { SPRING_HEADERS } from "./context.js";
import { badRequest } from "./entity-fields.js";
import { notFound } from "./entity-store.js";
import type { EnnovInsightEntityName } from "./types.js";
import { ENNOV_INSIGHT_ENTITIES } from "./types.js";

type Handler = (ctx: InsightContext, env: Environment, entity: EnnovInsightEntityName) => void;

const OPERATIONS: ReadonlyArray<[suffix: string, handler: Handler]> = [
  ["read", readMany],
  ["create", create],
  ["create-or-update", createOrUpdate],
  ["{id}/read", readOne],
  ["{id}/delete", remove],
];

/** The five POST operations of every entity, all behind a signed-in session and its CSRF token; the spec has checked their bodies. */
export const entityRoutes: readonly InsightRoute[] = ENNOV_INSIGHT_ENTITIES.flatMap((entity) =>
  OPERATIONS.map(([suffix, handler]): InsightRoute => ({
    method: "POST",
    path: `/insight/api/v2/${entity}/${suffix}`,
    auth: "session",
    handle: (ctx, env) => handler(ctx, env, entity),
  })),
);

/** `{ "queryFor": { field: value | [values] } }` → the matching records, ordered by id. */
function readMany(ctx: InsightContext, env: Environment, entity: EnnovInsightEntityName): void {
  const { queryFor } = ctx.input.body as { queryFor: Record<string, unknown> };
  send(ctx, 200, env.store.query(entity, queryFor));
}

function create(ctx: InsightContext, env: Environment, entity: EnnovInsightEntityName): void {
  // The spec's create body has no `id` (the server assigns it) and no unknown fields.
  send(ctx, 200, env.store.create(entity, ctx.input.body as Record<string, unknown>));
}

/** With an `id`: a partial update of that record (404 if unknown). Without: a create. */
function createOrUpdate(ctx: InsightContext, env: Environment, entity: EnnovInsightEntityName): void {
  const body = ctx.input.body as Record<string, unknown> & { id?: number };
  send(ctx, 200, body.id === undefined ? env.store.create(entity, body) : env.store.update(entity, body.id, body));
}

function readOne(ctx: InsightContext, env: Environment, entity: EnnovInsightEntityName): void {
  const id = pathId(ctx);
  const record = env.store.get(entity, id);
  if (!record) throw notFound(entity, id);
  send(ctx, 200, record);
}

function remove(ctx: InsightContext, env: Environment, entity: EnnovInsightEntityName): void {
  const id = pathId(ctx);
  env.store.delete(entity, id);
  sendEmpty(ctx.res, 204, SPRING_HEADERS);
}

/**
 * The `{id}` of the path. The body of these two operations may be empty; when one is sent it
 * must be a JSON object, and an `id` in it must match the path.
 */
function pathId(ctx: InsightContext): number {
  const raw = ctx.params["id"] ?? "";
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw badRequest("The id in the path must be a positive integer");
  const body = ctx.input.body as { id?: unknown } | undefined;
  if (body?.id !== undefined && body.id !== id) throw badRequest('"id" in the body does not match the id in the path');
  return id;
}

function send(ctx: InsightContext, status: number, body: unknown): void {
  sendJson(ctx.res, status, body, SPRING_HEADERS);
}
