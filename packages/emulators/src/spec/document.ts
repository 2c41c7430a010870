/**
 * The parts of an OpenAPI 3.1 document the spec-driven emulator reads. Documents arrive bundled
 * (generated from `specs/<vendor>/openapi.yaml`), so they are trusted to be valid OpenAPI; these
 * types only name what the emulator looks at.
 */
export type JsonSchema = { readonly [keyword: string]: unknown } | boolean;

export interface OpenApiDocument {
  readonly openapi: string;
  readonly servers?: ReadonlyArray<{ readonly url: string; readonly [extension: string]: unknown }>;
  readonly paths: { readonly [path: string]: { readonly [method: string]: unknown } };
  readonly components?: { readonly [section: string]: { readonly [name: string]: unknown } };
  readonly [extension: string]: unknown;
}

/** A JSON pointer into the document (`#/components/schemas/Incident`), the address Ajv compiles. */
export type Pointer = string;

/** Escapes one segment of a JSON pointer. */
export const escapePointer = (segment: string): string => segment.replaceAll("~", "~0").replaceAll("/", "~1");

/** Reads the value at a `#/...` pointer, following nothing. */
export function at(document: OpenApiDocument, pointer: Pointer): unknown {
  let node: unknown = document;
  for (const raw of pointer.replace(/^#\/?/, "").split("/").filter((part) => part !== "")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Follows `$ref` chains from `pointer` to the object they end at, and that object's own pointer. */
export function deref(document: OpenApiDocument, pointer: Pointer): { node: unknown; pointer: Pointer } {
  let node = at(document, pointer);
  for (let hops = 0; hops < 32; hops++) {
    const ref = isObject(node) ? node["$ref"] : undefined;
    if (typeof ref !== "string" || !ref.startsWith("#")) return { node, pointer };
    pointer = ref;
    node = at(document, ref);
  }
  throw new Error(`$ref chain too long at ${pointer}`);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
