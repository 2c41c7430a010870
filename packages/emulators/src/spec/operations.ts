import { deref, escapePointer, isObject } from "./document.js";
import type { OpenApiDocument, Pointer } from "./document.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface SpecParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  /** Pointer to the parameter's schema. */
  readonly schema: Pointer;
  /** Query arrays: repeated names (`explode`, OpenAPI's default) or one comma-separated value. */
  readonly explode: boolean;
  readonly allowEmptyValue: boolean;
}

export interface SpecMediaType {
  /** Lower-case media type as the spec spells it (`application/json`, `*\/*`). */
  readonly type: string;
  /** Pointer to its schema, when it has one. */
  readonly schema: Pointer | undefined;
  /** Pointer to the media type object (for `example` / `examples`). */
  readonly pointer: Pointer;
}

export interface SpecResponse {
  readonly status: number;
  readonly content: readonly SpecMediaType[];
}

/** The `x-secfetch-paginate` declaration of a paged operation. */
export interface PaginateDeclaration {
  readonly scheme: string;
  readonly items: string;
  readonly [field: string]: string | undefined;
}

/** One operation, with every `$ref` to a parameter, body or response followed. */
export interface SpecOperation {
  readonly id: string;
  /** Upper case. */
  readonly method: string;
  /** The path template, as in the spec (`/items/{id}`). */
  readonly path: string;
  /** `"<METHOD> <path>"`: the route key request logs and `count()` use. */
  readonly key: string;
  readonly parameters: readonly SpecParameter[];
  readonly requestBody: { readonly required: boolean; readonly content: readonly SpecMediaType[] } | undefined;
  /** Declared responses by status, successes first; `default` and ranges (`4XX`) are left out. */
  readonly responses: readonly SpecResponse[];
  readonly paginate: PaginateDeclaration | undefined;
  /** Security requirements: scheme name → scopes, one map per alternative. */
  readonly security: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  /** Pointer to the operation object, for vendor extensions. */
  readonly pointer: Pointer;
  /** The operation object (with its `x-` extensions). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Every operation of the document, in document order. */
export function compileOperations(document: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  const rootSecurity = (document["security"] as SpecOperation["security"] | undefined) ?? [];
  for (const [path, item] of Object.entries(document.paths)) {
    const itemPointer = `#/paths/${escapePointer(path)}`;
    const shared = parametersAt(document, `${itemPointer}/parameters`, item["parameters"]);
    for (const method of METHODS) {
      const raw = item[method];
      if (!isObject(raw)) continue;
      const pointer = `${itemPointer}/${method}`;
      const own = parametersAt(document, `${pointer}/parameters`, raw["parameters"]);
      const parameters = [...own, ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in))];
      const upper = method.toUpperCase();
      operations.push({
        id: typeof raw["operationId"] === "string" ? raw["operationId"] : `${upper} ${path}`,
        method: upper,
        path,
        key: `${upper} ${path}`,
        parameters,
        requestBody: requestBodyAt(document, `${pointer}/requestBody`),
        responses: responsesAt(document, `${pointer}/responses`),
        paginate: raw["x-secfetch-paginate"] as PaginateDeclaration | undefined,
        security: (raw["security"] as SpecOperation["security"] | undefined) ?? rootSecurity,
        pointer,
        raw,
      });
    }
  }
  return operations;
}

function parametersAt(document: OpenApiDocument, pointer: Pointer, list: unknown): SpecParameter[] {
  if (!Array.isArray(list)) return [];
  return list.map((_, index) => {
    const { node, pointer: own } = deref(document, `${pointer}/${index}`);
    const p = node as Record<string, unknown>;
    const where = p["in"] as SpecParameter["in"];
    return {
      name: p["name"] as string,
      in: where,
      required: where === "path" || p["required"] === true,
      schema: `${own}/schema`,
      explode: p["explode"] !== false && (p["style"] ?? "form") === "form",
      allowEmptyValue: p["allowEmptyValue"] === true,
    };
  });
}

function requestBodyAt(document: OpenApiDocument, pointer: Pointer): SpecOperation["requestBody"] {
  const { node, pointer: own } = deref(document, pointer);
  if (!isObject(node)) return undefined;
  return { required: node["required"] === true, content: contentAt(document, own, node["content"]) };
}

function responsesAt(document: OpenApiDocument, pointer: Pointer): SpecResponse[] {
  const { node } = deref(document, pointer);
  if (!isObject(node)) return [];
  return Object.keys(node)
    .filter((status) => /^\d{3}$/.test(status))
    .map((status) => {
      const { node: response, pointer: own } = deref(document, `${pointer}/${status}`);
      return { status: Number(status), content: contentAt(document, own, isObject(response) ? response["content"] : undefined) };
    })
    .sort((a, b) => a.status - b.status);
}

function contentAt(_document: OpenApiDocument, owner: Pointer, content: unknown): SpecMediaType[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([type, media]) => {
    const pointer = `${owner}/content/${escapePointer(type)}`;
    return { type: type.toLowerCase(), schema: isObject(media) && "schema" in media ? `${pointer}/schema` : undefined, pointer };
  });
}

/** The first success response (2xx), or undefined. */
export function successOf(operation: SpecOperation): SpecResponse | undefined {
  return operation.responses.find((response) => response.status >= 200 && response.status < 300);
}

/** The response content the emulator answers with: JSON when declared, else the first. */
export function preferredContent(response: SpecResponse): SpecMediaType | undefined {
  return response.content.find((media) => isJsonType(media.type)) ?? response.content[0];
}

export const isJsonType = (type: string): boolean => type === "application/json" || /^application\/[a-z0-9.+-]*\+json$/.test(type);
