import { integerParam } from "../shared/http-helpers.js";
import { badRequest } from "./errors.js";

/** Reads a `true`/`false` query value (absent → `fallback`); anything else → 400. */
export function booleanParam(query: Map<string, string>, name: string, fallback = false): boolean {
  const raw = query.get(name);
  if (raw === undefined) return fallback;
  if (raw !== "true" && raw !== "false") throw badRequest(`${name} must be true or false`);
  return raw === "true";
}

/** Reads an integer query value within [min, max] (absent → `fallback`); else 400. */
export function intParam(query: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === undefined) return fallback;
  try {
    return integerParam(name, raw, min, max);
  } catch {
    throw badRequest(`${name} must be an integer from ${min} to ${max}`);
  }
}

/**
 * One numbered page (from 1). `pages.total` and `pages.items` are calculated only when the
 * caller asks with `pageTotal=true`, as the parameter's documentation says.
 */
export function pageByNumber<T>(all: readonly T[], query: Map<string, string>, maxSize: number) {
  const page = intParam(query, "page", 1, 1, 1_000_000);
  const size = intParam(query, "pageSize", 50, 1, maxSize);
  const items = all.slice((page - 1) * size, page * size);
  const pages: Record<string, number> = { current: page, size, maxSize };
  if (booleanParam(query, "pageTotal")) Object.assign(pages, { total: Math.max(1, Math.ceil(all.length / size)), items: all.length });
  return { items, pages };
}

/** How a key-paged list is ordered: by `value`, then by creation order (`seq`). */
export interface KeyOrder<T> {
  /** Names the order; a key made under another order is refused. */
  readonly name: string;
  readonly desc: boolean;
  value(item: T): string | number;
  seq(item: T): number;
}

type Probe = { value: string | number; seq: number };

/**
 * One key-based page. `pages.nextKey` names the first item of the next page (absent on the
 * last); `pageFromKey` resumes at that item, or at the next one in order when it has gone away
 * meanwhile, so a list that shrinks between pages never fails.
 */
export function pageByKey<T>(all: readonly T[], order: KeyOrder<T>, query: Map<string, string>, maxSize: number) {
  const size = intParam(query, "pageSize", 50, 1, maxSize);
  const compare = (a: Probe, b: Probe) => {
    const byValue = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return (order.desc ? -byValue : byValue) || a.seq - b.seq;
  };
  const probe = (item: T): Probe => ({ value: order.value(item), seq: order.seq(item) });
  const sorted = [...all].sort((a, b) => compare(probe(a), probe(b)));
  const fromKey = query.get("pageFromKey");
  const start = fromKey === undefined ? 0 : firstAtOrAfter(sorted.map(probe), decodeKey(fromKey, order.name), compare);
  const items = sorted.slice(start, start + size);
  const pages: Record<string, string | number> = {};
  if (fromKey !== undefined) pages["fromKey"] = fromKey;
  const next = sorted[start + size];
  if (next !== undefined) pages["nextKey"] = encodeKey(order.name, probe(next));
  Object.assign(pages, { size, maxSize });
  if (booleanParam(query, "pageTotal")) Object.assign(pages, { total: Math.max(1, Math.ceil(sorted.length / size)), items: sorted.length });
  return { items, pages };
}

function firstAtOrAfter(probes: Probe[], key: Probe, compare: (a: Probe, b: Probe) => number): number {
  const index = probes.findIndex((probe) => compare(probe, key) >= 0);
  return index < 0 ? probes.length : index;
}

function encodeKey(orderName: string, probe: Probe): string {
  return Buffer.from(JSON.stringify([orderName, probe.value, probe.seq])).toString("base64url");
}

function decodeKey(key: string, orderName: string): Probe {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(key, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[2] !== "number" || !["string", "number"].includes(typeof parsed[1])) {
    throw badRequest("pageFromKey is not a key this API returned");
  }
  if (parsed[0] !== orderName) throw badRequest("pageFromKey belongs to another sort order; repeat the query that returned it");
  return { value: parsed[1] as string | number, seq: parsed[2] };
}

/** Keeps only `fields` (comma-separated top-level names) of each item; `id` always stays. */
export function pickFields<T extends object>(items: readonly T[], fields: string | undefined): Array<Partial<T>> {
  if (fields === undefined) return [...items];
  const names = fields.split(",");
  if (names.some((name) => !/^[A-Za-z][A-Za-z0-9]*$/.test(name))) throw badRequest("fields must be a comma-separated list of field names");
  return items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => key === "id" || names.includes(key))) as Partial<T>);
}
