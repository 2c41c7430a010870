import { HttpError, sendJson } from "../shared/http-helpers.js";
import type { RequestContext } from "./context.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
/** Django lookup suffixes: a parameter ending in one filters with that lookup, anything else means `exact`. */
const LOOKUPS = ["exact", "iexact", "in", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "gt", "gte", "lt", "lte", "isnull", "range", "regex", "iregex"] as const;
type Lookup = (typeof LOOKUPS)[number];

/** A filterable field: its value type and the lookups the resource allows on it. */
export interface FilterSpec {
  readonly kind: "string" | "integer" | "boolean";
  readonly lookups: readonly Lookup[];
}

/** What a Tastypie list resource allows. */
export interface ListDefinition {
  /** The list path, e.g. `/api/v1/localusers/`; `meta.next` and `meta.previous` point here. */
  readonly path: string;
  /** Every field of the resource: a filter on one of these that `filters` lacks → 400. Other names are ignored, as Tastypie does. */
  readonly fields: readonly string[];
  readonly filters: Readonly<Record<string, FilterSpec>>;
}

type Predicate = (item: Record<string, unknown>) => boolean;

/**
 * Answers a list request the Tastypie way: Django-lookup filters, `limit` (default 20; 0 or
 * anything above 1000 means 1000) and `offset`, and the `{meta, objects}` envelope whose
 * `next`/`previous` are relative URLs keeping the request's other parameters.
 */
export function sendList<T extends object>(ctx: RequestContext, definition: ListDefinition, items: readonly T[], render: (item: T) => unknown): void {
  const query = ctx.url.searchParams;
  const limit = pagingNumber(query.get("limit"), "limit", DEFAULT_LIMIT);
  const offset = pagingNumber(query.get("offset"), "offset", 0);
  const pageSize = limit === 0 || limit > MAX_LIMIT ? MAX_LIMIT : limit;
  const predicates: Predicate[] = [];
  for (const name of new Set(query.keys())) {
    if (name === "limit" || name === "offset") continue;
    if (name === "format") {
      if (query.get(name) !== "json") throw badRequest("This emulator serves JSON only (format=json).");
      continue;
    }
    if (name === "order_by") throw badRequest(`The '${(query.get(name) ?? "").replace(/^-/, "").slice(0, 64)}' field does not allow ordering.`);
    const predicate = filterFor(definition, name, query.getAll(name));
    if (predicate) predicates.push(predicate);
  }
  const matching = items.filter((item) => predicates.every((p) => p(item as Record<string, unknown>)));
  const link = (at: number) => {
    const params = new URLSearchParams();
    for (const [name, value] of query) if (name !== "limit" && name !== "offset") params.append(name, value);
    params.set("limit", String(pageSize));
    params.set("offset", String(at));
    return `${definition.path}?${params.toString()}`;
  };
  sendJson(ctx.res, 200, {
    meta: {
      limit: pageSize,
      next: offset + pageSize < matching.length ? link(offset + pageSize) : null,
      offset,
      previous: offset - pageSize >= 0 ? link(offset - pageSize) : null,
      total_count: matching.length,
    },
    objects: matching.slice(offset, offset + pageSize).map(render),
  });
}

function pagingNumber(raw: string | null, name: "limit" | "offset", fallback: number): number {
  if (raw === null) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    throw badRequest(`Invalid ${name} '${raw.slice(0, 32)}' provided. Please provide ${name === "limit" ? "a positive integer" : "an integer"}.`);
  }
  const value = Number(raw.trim());
  if (value < 0 || !Number.isSafeInteger(value)) throw badRequest(`Invalid ${name} '${raw.slice(0, 32)}' provided. Please provide a positive integer >= 0.`);
  return value;
}

function filterFor(definition: ListDefinition, name: string, values: readonly string[]): Predicate | undefined {
  const parts = name.split("__");
  const last = parts.at(-1) as Lookup;
  const [field, lookup] = parts.length > 1 && LOOKUPS.includes(last) ? [parts.slice(0, -1).join("__"), last] : [name, "exact" as Lookup];
  if (!definition.fields.includes(field)) return undefined;
  const spec = definition.filters[field];
  if (!spec) throw badRequest(`The '${field}' field does not allow filtering.`);
  if (!spec.lookups.includes(lookup)) throw badRequest(`'${lookup}' is not an allowed filter on the '${field}' field.`);
  const wanted = (lookup === "in" ? values.flatMap((v) => v.split(",")) : [values.at(-1) ?? ""]).map((v) => convert(spec, field, v));
  return (item) => {
    const actual = item[field];
    switch (lookup) {
      case "in":
        return wanted.includes(actual as never);
      case "iexact":
        return typeof actual === "string" && actual.toLowerCase() === String(wanted[0]).toLowerCase();
      case "contains":
        return typeof actual === "string" && actual.includes(String(wanted[0]));
      case "icontains":
        return typeof actual === "string" && actual.toLowerCase().includes(String(wanted[0]).toLowerCase());
      case "startswith":
        return typeof actual === "string" && actual.startsWith(String(wanted[0]));
      default:
        return actual === wanted[0];
    }
  };
}

function convert(spec: FilterSpec, field: string, raw: string): string | number | boolean | null {
  if (spec.kind === "string") return raw;
  if (spec.kind === "integer") {
    if (!/^-?\d+$/.test(raw)) throw badRequest(`Invalid value '${raw.slice(0, 32)}' for the '${field}' filter.`);
    return Number(raw);
  }
  if (raw === "true" || raw === "True") return true;
  if (raw === "false" || raw === "False") return false;
  if (raw === "nil" || raw === "none" || raw === "None") return null;
  throw badRequest(`Invalid value '${raw.slice(0, 32)}' for the '${field}' filter.`);
}

function badRequest(message: string): HttpError {
  return new HttpError(400, "bad_request", message);
}
