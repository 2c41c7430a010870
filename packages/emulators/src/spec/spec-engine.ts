import { SeededRandom } from "../shared/seeded-random.js";
import { HttpError, sendEmpty } from "../shared/http-helpers.js";
import type { ServerResponse } from "node:http";
import { at, deref, escapePointer, isObject } from "./document.js";
import type { OpenApiDocument } from "./document.js";
import { compileOperations, isJsonType, preferredContent, successOf } from "./operations.js";
import type { SpecMediaType, SpecOperation } from "./operations.js";
import { JobPlayer } from "./jobs.js";
import type { JobRole, JobSettings } from "./jobs.js";
import { cutPage, setAt } from "./paging.js";
import { RequestValidator } from "./request-validator.js";
import type { RequestDialect, RequestParts, ValidatedRequest, ValidationSkips } from "./request-validator.js";
import { inferBehaviours, propertyHolder, responseSchema } from "./resource-shapes.js";
import { SchemaValidator } from "./schema-validator.js";
import type { Behaviour, CollectionShape } from "./resource-shapes.js";
import { ResourceStore } from "./resource-store.js";
import type { Item } from "./resource-store.js";
import { synthesize } from "./synthesize.js";
import { textOf } from "./text-of.js";

/** How much of a hand-written route's request the spec checks (see {@link SpecEngine.inputFor}). */
export type RouteChecks = "spec" | "spec-except-query" | "own";

export interface SpecEngineOptions extends RequestDialect {
  /** Seed of every generated value: the same seed gives the same data. Default 1. */
  readonly seed?: number;
  /** Items each collection starts with: one number, or by collection path template. Default 10. */
  readonly count?: number | Readonly<Record<string, number>>;
  /** Anchor for generated dates (epoch ms). Default: when the engine was made. */
  readonly now?: number;
  /** How declared long-running jobs (`x-secfetch-job`) run: status reads before they finish, and how they end. */
  readonly jobs?: JobSettings;
  /**
   * Collections the vendor keeps in its own hand-written store, by path template: the engine asks
   * them whether an item exists (for an action on it, or to add it to a group) instead of its own.
   */
  readonly external?: Readonly<Record<string, ExternalCollection>>;
}

/** A collection a vendor serves by hand: its item by id, in one partition (tenant). */
export type ExternalCollection = (id: string, partition: string) => Item | undefined;

/** What a request handler needs to be served from the spec. */
export interface ServedRequest extends RequestParts {
  readonly res: ServerResponse;
}

/**
 * Serves one OpenAPI document: every operation answers, requests are checked against the
 * operation's schemas, and collections inferred from the paths keep what is created, replaced
 * and deleted, for the engine's life. Vendors put their own behaviour in front of it per
 * operation (sign-in, sessions, streams); everything else comes from here.
 */
export class SpecEngine {
  readonly document: OpenApiDocument;
  readonly operations: readonly SpecOperation[];
  readonly #byKey: Map<string, SpecOperation>;
  readonly #behaviours: Map<string, Behaviour>;
  readonly #validator: RequestValidator;
  readonly #store: ResourceStore;
  /** Checks request fields against item schemas before they are kept. */
  readonly #items: SchemaValidator;
  readonly #jobs: JobPlayer;
  readonly #external: Readonly<Record<string, ExternalCollection>>;
  readonly #seed: number;
  readonly #now: number;

  constructor(document: OpenApiDocument, options: SpecEngineOptions = {}) {
    this.document = document;
    this.operations = compileOperations(document);
    this.#byKey = new Map(this.operations.map((op) => [op.key, op]));
    this.#behaviours = inferBehaviours(document, this.operations);
    this.#validator = new RequestValidator(document, options);
    this.#items = new SchemaValidator(document);
    this.#seed = options.seed ?? 1;
    this.#now = options.now ?? Date.now();
    const memberships = [...this.#behaviours.values()].filter((b) => b.kind === "add-members").map((b) => (b as { collection: CollectionShape }).collection.template);
    this.#store = new ResourceStore(document, { seed: this.#seed, count: options.count ?? 10, now: this.#now, empty: new Set(memberships) });
    this.#external = options.external ?? {};
    this.#jobs = new JobPlayer(document, this.operations, options.jobs);
  }

  /** The operation with route key `"<METHOD> <path template>"`; throws for a key the spec lacks. */
  operation(key: string): SpecOperation {
    const op = this.#byKey.get(key);
    if (!op) throw new Error(`The spec has no operation ${key}`);
    return op;
  }

  /**
   * One route per operation of the spec: the vendor's hand-written route where it has one, else
   * `generic(op)`, a route the engine serves. A hand-written route for an operation the spec
   * lacks is a mistake (the client could never call it) and throws.
   */
  routes<R extends { readonly method: string; readonly path: string }>(handWritten: readonly R[], generic: (op: SpecOperation) => R): R[] {
    const byKey = new Map(handWritten.map((route) => [`${route.method} ${route.path}`, route]));
    for (const key of byKey.keys()) this.operation(key);
    return this.operations.map((op) => byKey.get(op.key) ?? generic(op));
  }

  /** The behaviour inferred for an operation (for tests and docs). */
  behaviour(op: SpecOperation): Behaviour {
    return this.#behaviours.get(op.key)!;
  }

  /**
   * The checked input of a hand-written route's request (the route is matched to its operation
   * by method and path). `checks`: `"spec"` checks everything; `"spec-except-query"` leaves the
   * query to a route that words its refusals its own way; `"own"` checks nothing, for a route
   * that reads the raw request itself (a sign-in), which gets only its path values.
   */
  inputFor(route: { readonly method: string; readonly path: string }, request: RequestParts, checks: RouteChecks = "spec"): ValidatedRequest {
    if (checks === "own") return { path: request.params, query: {}, body: undefined };
    return this.validate(this.operation(`${route.method} ${route.path}`), request, { query: checks === "spec-except-query" });
  }

  /** Checks a request against its operation; a refusal throws a 400/415 {@link HttpError}. */
  validate(op: SpecOperation, request: RequestParts, skip?: ValidationSkips): ValidatedRequest {
    return this.#validator.validate(op, request, skip);
  }

  /** Forgets everything created, changed or deleted: collections are seeded afresh on next use. */
  reset(): void {
    this.#store.clear();
    this.#jobs.reset();
  }

  /**
   * Answers a request from the spec (checking it first, unless `validated` is given).
   * `partition` keeps separate data for each of several callers that share paths (the tenant an
   * identity header names, say): each partition has its own collections, seeded apart.
   */
  serve(op: SpecOperation, request: ServedRequest, validated: ValidatedRequest = this.validate(op, request), partition = ""): void {
    const behaviour = this.behaviour(op);
    const { res } = request;
    const concrete = (template: string, params: Readonly<Record<string, string>>) => `${partition}${pathOf(template, params)}`;
    const role = this.#jobs.roleOf(op);
    if (role?.role === "start") return this.#startJob(role, op, request, validated, partition);
    if (role) this.#stepJob(role, request.params, partition);
    switch (behaviour.kind) {
      case "list": {
        const path = concrete(behaviour.collection.template, request.params);
        const all = filterItems(op, [...this.#store.items(behaviour.collection, path).values()], validated.query);
        const page = cutPage(this.document, op, validated.query, request.url, all);
        const media = this.#successMedia(op);
        if (!media) return sendEmpty(res, this.#successStatus(op));
        const envelope = this.#synthesize(op, media);
        if (!isObject(envelope)) return this.#send(res, op, media, page.items);
        if (op.paginate) setAt(envelope, op.paginate.items, page.items);
        else replaceList(envelope, page.items);
        for (const [pointer, value] of page.fields) {
          const optional = pointer.endsWith("?");
          const clean = optional ? pointer.slice(0, -1) : pointer;
          if (!optional || hasAt(envelope, clean)) setAt(envelope, clean, value);
        }
        return this.#send(res, op, media, envelope);
      }
      case "create": {
        const fields = this.#itemFields(behaviour.collection, validated.body);
        const item = this.#store.create(behaviour.collection, concrete(behaviour.collection.template, request.params), fields);
        return this.#answerWith(res, op, item, behaviour.collection);
      }
      case "read":
      case "replace":
      case "update":
      case "delete": {
        const { collection, idParam } = behaviour;
        const path = concrete(collection.template, request.params);
        const id = request.params[idParam] ?? "";
        const item = this.#store.find(collection, path, id);
        if (!item) throw notFound(collection, id);
        if (behaviour.kind === "read") return this.#answerWith(res, op, item, collection);
        if (behaviour.kind === "delete") {
          this.#store.delete(collection, path, id);
          return this.#answerWith(res, op, item, collection, true);
        }
        const fields = this.#itemFields(collection, validated.body);
        return this.#answerWith(res, op, this.#store.replace(collection, path, id, { ...item, ...fields }), collection);
      }
      case "add-members":
      case "remove-members":
        return this.#changeMembers(behaviour, op, request, validated, partition);
      case "respond": {
        this.#checkParent(behaviour.parent, request.params, partition);
        const media = this.#successMedia(op);
        if (!media) return sendEmpty(res, this.#successStatus(op));
        return this.#send(res, op, media, mediaExample(this.document, media) ?? this.#synthesize(op, media));
      }
    }
  }

  /** The item an action or a membership list belongs to must exist (in the vendor's store, for an external collection). */
  #checkParent(parent: { collection: CollectionShape; idParam: string } | undefined, params: Readonly<Record<string, string>>, partition: string): void {
    if (!parent) return;
    const id = params[parent.idParam] ?? "";
    if (!this.#find(parent.collection, `${partition}${pathOf(parent.collection.template, params)}`, id, partition)) throw notFound(parent.collection, id);
  }

  #find(collection: CollectionShape, path: string, id: string, partition: string): Item | undefined {
    const external = this.#external[collection.template];
    return external ? external(id, partition) : this.#store.find(collection, path, id);
  }

  /**
   * Adds existing items to a membership list by id, or takes them out, and answers with what was
   * done: the answer's lists are filled by their names (`added…`/`removed…`, `…NotFound`).
   */
  #changeMembers(
    behaviour: Extract<Behaviour, { kind: "add-members" | "remove-members" }>,
    op: SpecOperation,
    request: ServedRequest,
    validated: ValidatedRequest,
    partition: string,
  ): void {
    this.#checkParent(behaviour.parent, request.params, partition);
    const { collection, source } = behaviour;
    const path = `${partition}${pathOf(collection.template, request.params)}`;
    const members = this.#store.items(collection, path);
    const ids = behaviour.kind === "add-members" ? idsIn(validated.body) : idsIn(validated.query);
    const done: string[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      if (behaviour.kind === "remove-members") {
        (this.#store.delete(collection, path, id) ? done : missing).push(id);
        continue;
      }
      const item = source ? this.#find(source, `${partition}${source.template}`, id, partition) : { id };
      if (!item) {
        missing.push(id);
        continue;
      }
      if (!members.has(id)) this.#store.create(collection, path, { ...this.#itemFields(collection, item), [collection.idField ?? "id"]: id });
      done.push(id);
    }
    const media = this.#successMedia(op);
    if (!media) return sendEmpty(request.res, this.#successStatus(op));
    const answer = this.#synthesize(op, media);
    if (isObject(answer)) fillOutcome(answer, done, missing);
    return this.#send(request.res, op, media, answer);
  }

  /** Creates a declared job as an item of the collection its status path reads, running. */
  #startJob(role: JobRole, op: SpecOperation, request: ServedRequest, validated: ValidatedRequest, partition: string): void {
    const started = this.behaviour(op);
    if (started.kind === "respond") this.#checkParent(started.parent, request.params, partition);
    const { collection } = this.#jobStatus(role);
    const path = `${partition}${pathOf(collection.template, request.params)}`;
    const item = this.#store.create(collection, path, this.#itemFields(collection, validated.body));
    this.#jobs.started(role.job, item);
    return this.#answerWith(request.res, op, item, collection);
  }

  /** What a status read, a cancel or a results read does to a job before it is answered as usual. */
  #stepJob(role: JobRole, params: Readonly<Record<string, string>>, partition: string): void {
    const { collection, idParam } = this.#jobStatus(role);
    const path = `${partition}${pathOf(collection.template, params)}`;
    const id = params[idParam] ?? "";
    const item = this.#store.find(collection, path, id);
    if (!item) throw notFound(collection, id);
    if (role.role === "status") this.#jobs.polled(role.job, `${path}/${id}`, item);
    else if (role.role === "cancel") this.#jobs.cancelled(role.job, item);
    else this.#jobs.checkResults(role.job, item);
  }

  #jobStatus(role: JobRole): { collection: CollectionShape; idParam: string } {
    const status = this.behaviour(this.operation(`GET ${role.job.declaration.status}`));
    if (status.kind !== "read") throw new Error(`GET ${role.job.declaration.status} must read one item of a collection to serve a job`);
    return status;
  }

  /** The items of a collection (seeded on first use), for vendor overrides and controls. */
  items(collectionTemplate: string, params: Readonly<Record<string, string>> = {}): Map<string, Item> {
    const shape = [...this.#behaviours.values()].find((b): b is Extract<Behaviour, { collection: CollectionShape }> => "collection" in b && b.collection.template === collectionTemplate)?.collection;
    if (!shape) throw new Error(`The spec has no collection ${collectionTemplate}`);
    return this.#store.items(shape, pathOf(collectionTemplate, params));
  }

  /** `done`: the answer reports a change that happened, so its flags (`{ deleted }`, `{ removed }`) say so. */
  #answerWith(res: ServerResponse, op: SpecOperation, item: Item, collection: CollectionShape, done = false): void {
    const media = this.#successMedia(op);
    if (!media) return sendEmpty(res, this.#successStatus(op));
    const schema = responseSchema(op);
    const same = schema && collection.itemSchema && deref(this.document, schema).pointer === deref(this.document, collection.itemSchema).pointer;
    if (same) return this.#send(res, op, media, item);
    // Another shape (an id-only receipt, a wrapper): build it, then carry over what the item knows.
    const answer = this.#synthesize(op, media);
    if (isObject(answer)) {
      for (const key of Object.keys(answer)) {
        if (key in item) answer[key] = item[key];
        else if (done && typeof answer[key] === "boolean") answer[key] = true;
      }
    }
    return this.#send(res, op, media, answer);
  }

  /**
   * The body's fields that an item can hold as they are. A request may describe a field in
   * another shape than the item keeps (`roleAssignments: [{ roleId }]` in, `[{ id, roleId }]`
   * out); such a field keeps its generated value rather than make the item invalid.
   */
  #itemFields(collection: CollectionShape, body: unknown): Item {
    if (!isObject(body)) return {};
    if (!collection.itemSchema) return body;
    const fields: Item = {};
    for (const [name, value] of Object.entries(body)) {
      const { node, pointer } = propertyHolder(this.document, collection.itemSchema, name);
      if (!node || !this.#items.check(`${pointer}/properties/${escapePointer(name)}`, value)) fields[name] = value;
    }
    return fields;
  }

  #successStatus(op: SpecOperation): number {
    return successOf(op)?.status ?? 200;
  }

  #successMedia(op: SpecOperation): SpecMediaType | undefined {
    const success = successOf(op);
    return success ? preferredContent(success) : undefined;
  }

  #synthesize(op: SpecOperation, media: SpecMediaType): unknown {
    if (!media.schema) return isJsonType(media.type) ? {} : "";
    const random = new SeededRandom(this.#seed + op.key.length * 7919);
    return synthesize({ document: this.document, random, now: this.#now }, media.schema);
  }

  #send(res: ServerResponse, op: SpecOperation, media: SpecMediaType, body: unknown): void {
    const type = media.type === "*/*" ? "application/json" : media.type;
    const text = isJsonType(type) || type === "*/*" ? JSON.stringify(body) : textOf(body);
    res.writeHead(this.#successStatus(op), { "Content-Type": type, "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  }
}

/** The media type's own example (`example`, or the first of `examples`), if the spec gives one. */
function mediaExample(document: OpenApiDocument, media: SpecMediaType): unknown {
  const node = at(document, media.pointer);
  if (!isObject(node)) return undefined;
  if ("example" in node) return structuredClone(node["example"]);
  const examples = node["examples"];
  if (isObject(examples)) {
    const first = Object.keys(examples)[0];
    if (first !== undefined) {
      const example = deref(document, `${media.pointer}/examples/${first.replaceAll("~", "~0").replaceAll("/", "~1")}`).node;
      if (isObject(example) && "value" in example) return structuredClone(example["value"]);
    }
  }
  return undefined;
}

/** Filters a list by the query parameters named like an item field (`?status=open`, `?status=a,b`). */
function filterItems(op: SpecOperation, items: Item[], query: Readonly<Record<string, unknown>>): Item[] {
  const filters = Object.entries(query).filter(([name]) => items.some((item) => name in item) && !(op.paginate && Object.values(op.paginate).includes(name)));
  if (filters.length === 0) return items;
  return items.filter((item) =>
    filters.every(([name, wanted]) => {
      const values = (Array.isArray(wanted) ? wanted : [wanted]).map(String);
      const actual = item[name];
      return Array.isArray(actual) ? actual.some((v) => values.includes(String(v))) : values.includes(String(actual));
    }),
  );
}

/** Puts a page's items in an envelope's one list property (`{ items: [...] }`). */
function replaceList(envelope: Record<string, unknown>, items: readonly unknown[]): void {
  const key = Object.keys(envelope).find((name) => Array.isArray(envelope[name]));
  if (key !== undefined) envelope[key] = items;
}

function hasAt(target: Record<string, unknown>, pointer: string): boolean {
  const segments = pointer.split("/").filter(Boolean);
  let node: unknown = target;
  for (const segment of segments) {
    if (!isObject(node) || !(segment in node)) return false;
    node = node[segment];
  }
  return true;
}

/** The ids a membership change names: the one list of a body (`{ ids: [...] }`), or an `ids` query value. */
function idsIn(source: unknown): string[] {
  if (!isObject(source)) return [];
  const list = Object.entries(source).find(([name, value]) => Array.isArray(value) || /^(ids|.*Ids)$/.test(name))?.[1];
  const values = Array.isArray(list) ? list : typeof list === "string" ? list.split(",") : [];
  return values.map(String).filter((id) => id !== "");
}

/**
 * Writes a membership change's outcome into its answer by the names of the answer's lists:
 * one named for what was missing (`endpointsNotFound`, `failedToDelete`, …) gets the missing
 * ids, the first other list at the top gets what was done. Other lists are emptied.
 */
function fillOutcome(answer: Record<string, unknown>, done: readonly string[], missing: readonly string[]): void {
  let filled = false;
  const visit = (node: Record<string, unknown>, top: boolean) => {
    for (const [name, value] of Object.entries(node)) {
      if (Array.isArray(value)) {
        const ids = /notfound|missing|failed|unknown/i.test(name) ? missing : top && !filled ? done : [];
        if (ids === done) filled = true;
        const objects = value.length > 0 && isObject(value[0]);
        node[name] = ids.map((id) => (objects ? { id } : id));
      } else if (isObject(value)) visit(value, false);
    }
  };
  visit(answer, true);
}

function pathOf(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

function notFound(collection: CollectionShape, id: string): HttpError {
  return new HttpError(404, "not_found", `No item "${id.slice(0, 100)}" in ${collection.template}`);
}
