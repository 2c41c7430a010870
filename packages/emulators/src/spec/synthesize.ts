import type { SeededRandom } from "../shared/seeded-random.js";
import { deref, escapePointer, isObject } from "./document.js";
import type { OpenApiDocument, Pointer } from "./document.js";

/** What a synthesized value depends on besides its schema. */
export interface SynthesisContext {
  readonly document: OpenApiDocument;
  readonly random: SeededRandom;
  /** Anchor for dates: values fall in the 30 days before it. */
  readonly now: number;
}

const MAX_DEPTH = 12;
const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

/**
 * A value valid against the schema at `pointer`, deterministic for the context's seed. Each
 * instance keyword the spec's author wrote wins over invention: `const`, then `examples` /
 * `example`, then `enum`, then `default`; objects are built property by property so that list
 * items differ from one another; strings follow their `format`.
 */
export function synthesize(context: SynthesisContext, pointer: Pointer, depth = 0): unknown {
  const { node, pointer: own } = deref(context.document, pointer);
  if (node === true || node === undefined) return "value";
  if (!isObject(node)) return null;
  const { random } = context;
  if ("const" in node) return node["const"];

  const all = node["allOf"];
  if (Array.isArray(all)) return mergeAll(all.map((_, i) => synthesize(context, `${own}/allOf/${i}`, depth + 1)), own, node, context, depth);
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const alternatives = node[keyword];
    if (Array.isArray(alternatives) && alternatives.length > 0 && isObject(node["properties"]) && alternatives.every(onlyRequires)) {
      // "Exactly one of a and b": the object keeps the first branch's fields and leaves out those only another branch requires.
      const chosen = new Set((alternatives[0] as { required: string[] }).required);
      const others = new Set(alternatives.slice(1).flatMap((branch) => (branch as { required: string[] }).required).filter((name) => !chosen.has(name)));
      const properties = Object.fromEntries(Object.entries(node["properties"]).filter(([name]) => !others.has(name)));
      const required = [...(Array.isArray(node["required"]) ? (node["required"] as string[]) : []), ...chosen];
      return object({ ...node, properties, required }, own, context, depth);
    }
    if (Array.isArray(alternatives) && alternatives.length > 0) {
      const nonNull = alternatives.map((_, i) => i).filter((i) => !isNullSchema(context, `${own}/${keyword}/${i}`));
      return synthesize(context, `${own}/${keyword}/${nonNull[0] ?? 0}`, depth + 1);
    }
  }

  const type = typeOf(node);
  const examples = node["examples"];
  // Objects are built property by property (list items must differ); any other example is used as is.
  if (type !== "object") {
    if (Array.isArray(examples) && examples.length > 0) return structuredClone(random.pick(examples));
    if ("example" in node) return structuredClone(node["example"]);
    if (Array.isArray(node["enum"]) && node["enum"].length > 0) return random.pick(node["enum"] as unknown[]);
    if ("default" in node) return structuredClone(node["default"]);
  }
  switch (type) {
    case "null":
      return null;
    case "boolean":
      return random.chance(0.5);
    case "integer":
    case "number":
      return number(node, type, random);
    case "string":
      return string(node, context);
    case "array":
      return array(node, own, context, depth);
    case "object":
      return object(node, own, context, depth);
    default:
      return null;
  }
}

function typeOf(node: Record<string, unknown>): string | undefined {
  const type = node["type"];
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return (type.find((t) => t !== "null") ?? type[0]) as string | undefined;
  if (isObject(node["properties"])) return "object";
  if ("items" in node) return "array";
  return undefined;
}

/** A branch that only names required properties (`{ required: [a] }`), declaring no shape of its own. */
function onlyRequires(branch: unknown): boolean {
  return isObject(branch) && Array.isArray(branch["required"]) && Object.keys(branch).every((key) => key === "required" || key === "description");
}

function isNullSchema(context: SynthesisContext, pointer: Pointer): boolean {
  const { node } = deref(context.document, pointer);
  return isObject(node) && node["type"] === "null";
}

function number(node: Record<string, unknown>, type: string, random: SeededRandom): number {
  const exclusiveMin = typeof node["exclusiveMinimum"] === "number" ? node["exclusiveMinimum"] + (type === "integer" ? 1 : 0.5) : undefined;
  const exclusiveMax = typeof node["exclusiveMaximum"] === "number" ? node["exclusiveMaximum"] - (type === "integer" ? 1 : 0.5) : undefined;
  const min = Math.ceil((node["minimum"] as number | undefined) ?? exclusiveMin ?? 0);
  const max = Math.floor((node["maximum"] as number | undefined) ?? exclusiveMax ?? Math.max(min, 0) + 1000);
  return random.int(min, Math.max(min, max));
}

function string(node: Record<string, unknown>, context: SynthesisContext): string {
  const { random } = context;
  const time = context.now - random.int(0, 30 * 24 * 3600) * 1000;
  let value: string;
  switch (node["format"]) {
    case "date-time":
      return new Date(Math.floor(time / 1000) * 1000).toISOString();
    case "date":
      return new Date(time).toISOString().slice(0, 10);
    case "time":
      return new Date(time).toISOString().slice(11, 19) + "Z";
    case "uuid":
      return uuid(random);
    case "email":
      return `${random.pick(WORDS)}.${random.pick(WORDS)}@example.com`;
    case "hostname":
      return `${random.pick(WORDS)}-${random.int(1, 99)}.example.com`;
    case "uri":
    case "url":
      return `https://${random.pick(WORDS)}.example.com/${random.pick(WORDS)}`;
    case "ipv4":
      return `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
    case "ipv6":
      return `fd00::${random.hex(4)}:${random.hex(4)}`;
    default:
      value = `${random.pick(WORDS)}-${random.hex(6)}`;
  }
  const minLength = (node["minLength"] as number | undefined) ?? 0;
  const maxLength = (node["maxLength"] as number | undefined) ?? Infinity;
  while (value.length < minLength) value += random.hex(Math.min(16, minLength - value.length));
  return value.slice(0, maxLength);
}

function array(node: Record<string, unknown>, own: Pointer, context: SynthesisContext, depth: number): unknown[] {
  if (depth >= MAX_DEPTH || !("items" in node)) return [];
  const min = (node["minItems"] as number | undefined) ?? 0;
  const max = (node["maxItems"] as number | undefined) ?? Math.max(min, 2);
  const length = Math.max(min, Math.min(max, context.random.int(1, 2)));
  const items: unknown[] = [];
  for (let i = 0; i < length * 4 && items.length < length; i++) {
    const item = synthesize(context, `${own}/items`, depth + 1);
    // uniqueItems with a small enum can run out of values: stop short rather than repeat.
    if (node["uniqueItems"] === true && items.some((other) => JSON.stringify(other) === JSON.stringify(item))) continue;
    items.push(item);
  }
  return items;
}

function object(node: Record<string, unknown>, own: Pointer, context: SynthesisContext, depth: number): unknown {
  const properties = isObject(node["properties"]) ? node["properties"] : {};
  const names = Object.keys(properties);
  const examples = node["examples"];
  if (names.length === 0) {
    if (Array.isArray(examples) && examples.length > 0) return structuredClone(context.random.pick(examples));
    if ("example" in node) return structuredClone(node["example"]);
    return {};
  }
  const required = new Set(Array.isArray(node["required"]) ? (node["required"] as string[]) : []);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    // Deep optional branches stop early: recursive schemas (a group of groups) must end.
    if (!required.has(name) && depth >= MAX_DEPTH / 2) continue;
    out[name] = synthesize(context, `${own}/properties/${escapePointer(name)}`, depth + 1);
  }
  return out;
}

function mergeAll(parts: unknown[], own: Pointer, node: Record<string, unknown>, context: SynthesisContext, depth: number): unknown {
  if (!parts.every(isObject)) return parts[0];
  const merged = Object.assign({}, ...parts) as Record<string, unknown>;
  return isObject(node["properties"]) ? Object.assign(merged, object(node, own, context, depth) as object) : merged;
}

export function uuid(random: SeededRandom): string {
  const hex = random.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[random.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
