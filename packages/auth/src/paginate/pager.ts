import { readPointer } from "../declaration/template.js";

/** Where one page is fetched from: a path (template or concrete) and its query. */
export interface PageRequest {
  path: string;
  query: Record<string, unknown>;
}

/**
 * A vendor's paging scheme as two pure functions: the items of a page, and the request for the
 * next page (`null` at the end). One shared loop (`iteratePages`) drives them all.
 */
export interface Pager {
  items(body: unknown): unknown[];
  next(body: unknown, current: PageRequest, items: unknown[]): PageRequest | null;
  /**
   * The query to resume from in a later run, even after the last page: a collector saves it
   * and starts there next time, missing nothing and repeating nothing. Default: the next
   * request's query, or `null` when the walk ended.
   */
  checkpoint?(body: unknown, current: PageRequest, items: unknown[]): Record<string, unknown> | null;
}

/** Thrown when a page's items are not a list (a CSV page walked as JSON): never read as "no items". */
export class PageShapeError extends Error {}

export function itemsAt(body: unknown, pointer: string): unknown[] {
  const items = readPointer(body, pointer);
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new PageShapeError(`the page's ${pointer} is ${typeof items === "string" ? "text" : `a ${typeof items}`}, not a list`);
  return items;
}

/** A non-empty string or number read from the body, as a string; `undefined` otherwise. */
export function tokenAt(body: unknown, pointer: string): string | undefined {
  const value = readPointer(body, pointer);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** A number read from the body (or a numeric string); `NaN` for anything else, objects included. */
export function numberAt(body: unknown, pointer: string): number {
  const value = readPointer(body, pointer);
  if (typeof value === "number") return value;
  return typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
}

/** The next request with one query parameter set (and, optionally, the first page's one dropped). */
export function withQuery(current: PageRequest, param: string, value: unknown, drop?: string): PageRequest {
  const query = { ...current.query, [param]: value };
  if (drop !== undefined) delete query[drop];
  return { path: current.path, query };
}

/**
 * A request for a path the server handed back (`nextPath`, `meta.next`). Only its path and query
 * are used: the host stays the client's own, so a body can never steer credentials elsewhere.
 */
export function fromServerPath(next: string): PageRequest {
  const url = new URL(next, "http://same-host.invalid");
  const query: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return { path: url.pathname, query };
}
