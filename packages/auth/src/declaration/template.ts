import type { Pointer, Template } from "./types.js";

const HOLE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The names of a template's holes, in order. */
export function templateHoles(template: Template): string[] {
  return [...template.matchAll(HOLE)].map((match) => match[1] as string);
}

/**
 * Fills a template's `{name}` holes from `values`. A list is joined with single spaces (the
 * OAuth scope syntax). Returns `undefined` when a hole has no value, so the caller can leave
 * out an optional parameter instead of sending an empty one.
 */
export function fillTemplate(template: Template, values: Readonly<Record<string, unknown>>): string | undefined {
  let missing = false;
  const filled = template.replace(HOLE, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) {
      missing = true;
      return "";
    }
    return Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : JSON.stringify(value);
  });
  return missing ? undefined : filled;
}

/** Reads a JSON pointer (RFC 6901) out of a parsed body; `undefined` when any step is absent. */
export function readPointer(body: unknown, pointer: Pointer): unknown {
  if (pointer === "" || pointer === "/") return pointer === "" ? body : (body as Record<string, unknown> | null)?.[""];
  let current: unknown = body;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
