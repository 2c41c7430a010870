import { deref, escapePointer, isObject } from "./document.js";
import type { OpenApiDocument, Pointer } from "./document.js";
import { isJsonType, preferredContent, successOf } from "./operations.js";
import type { SpecOperation } from "./operations.js";

/** A collection of things the emulator keeps, inferred from the shape of the spec's paths. */
export interface CollectionShape {
  /** The collection's path template (`/things`, `/parents/{id}/things`). */
  readonly template: string;
  /** Pointer to one item's schema, when the spec gives one. */
  readonly itemSchema: Pointer | undefined;
  /** The item property that holds its id (what `{id}` in the item path matches). */
  readonly idField: string | undefined;
}

/** What the emulator does for an operation when no hand-written behaviour overrides it. */
export type Behaviour =
  | { readonly kind: "list"; readonly collection: CollectionShape; readonly items: Pointer | undefined }
  | { readonly kind: "create"; readonly collection: CollectionShape }
  | { readonly kind: "read" | "replace" | "update" | "delete"; readonly collection: CollectionShape; readonly idParam: string }
  /**
   * Membership of a sub-collection (`/groups/{id}/endpoints`): a POST of ids adds existing items
   * of `source` (the top-level collection with the same last name, `/endpoints`), a DELETE with
   * an ids query takes them out. `parent` is the item the members belong to.
   */
  | {
      readonly kind: "add-members" | "remove-members";
      readonly collection: CollectionShape;
      readonly source: CollectionShape | undefined;
      readonly parent: { readonly collection: CollectionShape; readonly idParam: string } | undefined;
    }
  /** Answer from the response's example or schema; `parent` is the item it acts on, which must exist. */
  | { readonly kind: "respond"; readonly parent: { readonly collection: CollectionShape; readonly idParam: string } | undefined };

/** Names a list's array commonly has in an envelope (`{ items: [...], pages: {...} }`). */
const LIST_PROPERTIES = ["items", "resources", "objects", "data", "Resources", "results", "records", "value", "events", "entries"];
const ITEM_PATH = /^(.*)\/\{([A-Za-z_][A-Za-z0-9_]*)\}(\/?)$/;

/**
 * Decides each operation's behaviour from the paths alone: `GET /things` returning a list and
 * `POST /things` are a collection, `GET|PUT|PATCH|DELETE /things/{id}` its item (a trailing
 * slash is kept as the spec writes it), anything else (an action such as
 * `POST /things/{id}/scan`, a singleton such as `/whoami`) answers from its response schema.
 */
export function inferBehaviours(document: OpenApiDocument, operations: readonly SpecOperation[]): Map<string, Behaviour> {
  const byKey = new Map(operations.map((op) => [op.key, op]));
  const collections = new Map<string, CollectionShape>();
  const listItems = new Map<string, Pointer | undefined>();

  const collectionAt = (template: string): CollectionShape => {
    let shape = collections.get(template);
    if (!shape) {
      const item = itemOperation(byKey, template);
      const list = byKey.get(`GET ${template}`);
      const fromList = list ? listItemPointer(document, list) : undefined;
      const itemSchema = (item ? responseSchema(item) : undefined) ?? fromList;
      const idParam = item ? ITEM_PATH.exec(item.path)?.[2] : undefined;
      shape = { template, itemSchema, idField: idFieldOf(document, itemSchema, idParam, template) };
      collections.set(template, shape);
    }
    return shape;
  };

  for (const op of operations) {
    if (op.method === "GET") {
      const items = listItemPointer(document, op);
      if (items !== undefined || op.paginate) listItems.set(op.path, items);
    }
  }

  const behaviours = new Map<string, Behaviour>();
  for (const op of operations) {
    const itemMatch = ITEM_PATH.exec(op.path);
    const parentTemplate = itemMatch ? `${itemMatch[1]}${itemMatch[3]}` : undefined;
    // An item of a collection the emulator keeps. A key from a fixed set (`/settings/{endpointType}`)
    // or into an object the parent path answers (`/settings/{settingKey}`) names no such item.
    const isItem =
      itemMatch !== null &&
      !namesFixedSet(document, op, itemMatch[2]!) &&
      (listItems.has(parentTemplate!) || (byKey.has(`GET ${op.path}`) && keepsItems(byKey, listItems, parentTemplate!)));
    if (listItems.has(op.path) && op.method === "GET") {
      behaviours.set(op.key, { kind: "list", collection: collectionAt(op.path), items: listItems.get(op.path) });
    } else if (op.method === "POST" && listItems.has(op.path) && describesItem(document, op, collectionAt(op.path))) {
      behaviours.set(op.key, { kind: "create", collection: collectionAt(op.path) });
    } else if (listItems.has(op.path) && op.path.includes("{") && (op.method === "POST" || (op.method === "DELETE" && hasIdsQuery(op)))) {
      const sourceTemplate = sourceOf(op.path, listItems);
      behaviours.set(op.key, {
        kind: op.method === "POST" ? "add-members" : "remove-members",
        collection: collectionAt(op.path),
        source: sourceTemplate === undefined ? undefined : collectionAt(sourceTemplate),
        parent: actionParent(document, op, byKey, listItems, collectionAt),
      });
    } else if (isItem && ["GET", "PUT", "PATCH", "DELETE"].includes(op.method)) {
      const kind = ({ GET: "read", PUT: "replace", PATCH: "update", DELETE: "delete" } as const)[op.method as "GET"];
      behaviours.set(op.key, { kind, collection: collectionAt(parentTemplate!), idParam: itemMatch[2]! });
    } else {
      behaviours.set(op.key, { kind: "respond", parent: actionParent(document, op, byKey, listItems, collectionAt) });
    }
  }
  return behaviours;
}

/**
 * Whether a POST to a list creates one of its items: its body has fields of the item (a body of
 * ids only, `{ "ids": [...] }`, adds existing things to a membership list instead: an action).
 */
function describesItem(document: OpenApiDocument, op: SpecOperation, collection: CollectionShape): boolean {
  const body = op.requestBody?.content.find((media) => isJsonType(media.type))?.schema;
  if (!body || !collection.itemSchema) return true;
  const fields = propertyNames(document, body);
  return fields.length === 0 || fields.some((name) => name !== "id" && propertyHolder(document, collection.itemSchema!, name).node !== undefined);
}

function propertyNames(document: OpenApiDocument, schema: Pointer): string[] {
  const { node, pointer } = deref(document, schema);
  if (!isObject(node)) return [];
  const own = isObject(node["properties"]) ? Object.keys(node["properties"]) : [];
  const parts = Array.isArray(node["allOf"]) ? node["allOf"].flatMap((_, i) => propertyNames(document, `${pointer}/allOf/${i}`)) : [];
  return [...own, ...parts];
}

/** A DELETE that names what to take out in an `ids` query parameter. */
function hasIdsQuery(op: SpecOperation): boolean {
  return op.parameters.some((parameter) => parameter.in === "query" && /^(ids|.*Ids)$/.test(parameter.name));
}

/**
 * The top-level collection a membership list holds items of: the one with the same last path
 * segment, else one whose last segment ends with it (`/users/{id}/groups` holds `/user-groups`).
 */
function sourceOf(path: string, lists: Map<string, Pointer | undefined>): string | undefined {
  const name = path.split("/").at(-1) ?? "";
  const topLevel = [...lists.keys()].filter((template) => !template.includes("{"));
  const last = (template: string) => template.split("/").at(-1) ?? "";
  return topLevel.find((template) => last(template) === name) ?? topLevel.find((template) => last(template).endsWith(`-${name}`));
}

/**
 * Whether the items under a path are things the emulator keeps: a list shows them, a POST makes
 * them (a job's status), or nothing answers at the path itself. A path that answers an object
 * (`/settings`, with `/settings/{key}` beside it) holds keys into that object instead.
 */
function keepsItems(byKey: Map<string, SpecOperation>, lists: Map<string, Pointer | undefined>, template: string): boolean {
  return lists.has(template) || byKey.has(`POST ${template}`) || !byKey.has(`GET ${template}`);
}

/** Whether a path parameter takes one of a fixed set of values (its schema is an `enum`). */
function namesFixedSet(document: OpenApiDocument, op: SpecOperation, name: string): boolean {
  const parameter = op.parameters.find((p) => p.in === "path" && p.name === name);
  if (!parameter) return false;
  const { node } = deref(document, parameter.schema);
  return isObject(node) && Array.isArray(node["enum"]);
}

/** The item operation (`GET <template>/{id}`) of a collection, with or without a trailing slash. */
function itemOperation(byKey: Map<string, SpecOperation>, template: string): SpecOperation | undefined {
  const base = template.endsWith("/") ? template.slice(0, -1) : template;
  const slash = template.endsWith("/") ? "/" : "";
  for (const op of byKey.values()) {
    const match = ITEM_PATH.exec(op.path);
    if (op.method === "GET" && match && match[1] === base && match[3] === slash) return op;
  }
  return undefined;
}

/** `POST /things/{id}/action` acts on an item of `/things`, which must exist. */
function actionParent(
  document: OpenApiDocument,
  op: SpecOperation,
  byKey: Map<string, SpecOperation>,
  lists: Map<string, Pointer | undefined>,
  collectionAt: (template: string) => CollectionShape,
): Extract<Behaviour, { kind: "respond" }>["parent"] {
  const match = /^(.*)\/\{([A-Za-z_][A-Za-z0-9_]*)\}\/[^{}]+$/.exec(op.path);
  if (!match) return undefined;
  const [, base = "", idParam = ""] = match;
  if (namesFixedSet(document, op, idParam)) return undefined;
  const template = [base, `${base}/`].find((t) => lists.has(t) || (itemOperation(byKey, t) && keepsItems(byKey, lists, t)));
  return template ? { collection: collectionAt(template), idParam } : undefined;
}

/** Pointer to the schema of a list's items: the paginate `items` pointer, a bare array, or a usual envelope name. */
export function listItemPointer(document: OpenApiDocument, op: SpecOperation): Pointer | undefined {
  const schema = responseSchema(op);
  if (!schema) return undefined;
  if (op.paginate) return arrayItemsAt(document, schema, op.paginate.items);
  const { node, pointer } = deref(document, schema);
  if (!isObject(node)) return undefined;
  if (node["type"] === "array") return `${pointer}/items`;
  const properties = isObject(node["properties"]) ? node["properties"] : {};
  const arrays = LIST_PROPERTIES.filter((name) => name in properties && arrayItemsAt(document, schema, `/${name}`));
  return arrays.length === 1 ? arrayItemsAt(document, schema, `/${arrays[0]}`) : undefined;
}

/** Walks a JSON pointer into an instance (`/pages/nextKey`) through the schema, to the array's items. */
function arrayItemsAt(document: OpenApiDocument, schema: Pointer, instancePointer: string): Pointer | undefined {
  let current = schema;
  for (const segment of instancePointer.split("/").filter(Boolean)) {
    const { node, pointer } = propertyHolder(document, current, segment);
    if (!node) return undefined;
    current = `${pointer}/properties/${escapePointer(segment)}`;
  }
  const { node, pointer } = deref(document, current);
  return isObject(node) && (node["type"] === "array" || "items" in node) ? `${pointer}/items` : undefined;
}

/** The schema object (following `$ref` and `allOf`) that declares `property`. */
export function propertyHolder(document: OpenApiDocument, schema: Pointer, property: string): { node: Record<string, unknown> | undefined; pointer: Pointer } {
  const { node, pointer } = deref(document, schema);
  if (!isObject(node)) return { node: undefined, pointer };
  if (isObject(node["properties"]) && property in node["properties"]) return { node, pointer };
  const parts = node["allOf"];
  if (Array.isArray(parts)) {
    for (let i = 0; i < parts.length; i++) {
      const found = propertyHolder(document, `${pointer}/allOf/${i}`, property);
      if (found.node) return found;
    }
  }
  return { node: undefined, pointer };
}

/** Pointer to the JSON schema of an operation's first success response. */
export function responseSchema(op: SpecOperation): Pointer | undefined {
  const success = successOf(op);
  const media = success ? preferredContent(success) : undefined;
  return media && isJsonType(media.type) ? media.schema : undefined;
}

function idFieldOf(document: OpenApiDocument, itemSchema: Pointer | undefined, idParam: string | undefined, template: string): string | undefined {
  if (!itemSchema) return undefined;
  const has = (name: string) => propertyHolder(document, itemSchema, name).node !== undefined;
  // `/incidents/{id}` holds `incident_id` or `incidentId` when it has no `id`.
  const noun = template.split("/").filter((part) => part && !part.startsWith("{")).at(-1)?.replace(/s$/, "") ?? "";
  const candidates = [idParam, "id", idParam?.replace(/Id$/, "_id"), `${noun}_id`, `${noun}Id`, "uuid", "name"];
  return candidates.find((name): name is string => name !== undefined && name !== "" && has(name));
}
