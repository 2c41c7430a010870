import { HttpError } from "../shared/http-helpers.js";
import { deref, isObject } from "./document.js";
import type { OpenApiDocument } from "./document.js";
import type { SpecOperation } from "./operations.js";
import { textOf } from "./text-of.js";

/** Query names that set a page's size, in the order they are looked for. */
const SIZE_PARAMETERS = ["pageSize", "limit", "count", "page_size", "size", "per_page", "maxResults"];
const DEFAULT_PAGE_SIZE = 50;

/** One page cut from a whole list, and the values to write into the answer's envelope. */
export interface Page {
  readonly items: readonly unknown[];
  /** Instance pointer → value, written over the synthesized envelope (`/pages/nextKey` → "…"). */
  readonly fields: ReadonlyArray<readonly [string, unknown]>;
}

/**
 * Cuts the page a request asks for out of `all`, following the operation's declared
 * `x-secfetch-paginate` scheme, and says what the envelope must carry for a client to follow it:
 * the next key, cursor, token or path, the page count, whether there is more. Without a
 * declaration the list is answered whole. Keys, cursors and tokens are opaque to the client;
 * one it did not get from us is a 400.
 */
export function cutPage(document: OpenApiDocument, op: SpecOperation, query: Readonly<Record<string, unknown>>, url: URL, all: readonly unknown[]): Page {
  const declaration = op.paginate;
  if (!declaration) return { items: all, fields: [] };
  const sizeName = declaration["pageSize"] ?? SIZE_PARAMETERS.find((name) => op.parameters.some((p) => p.in === "query" && p.name === name));
  const size = sizeName !== undefined && query[sizeName] !== undefined ? Number(query[sizeName]) : defaultSize(document, op, sizeName);
  const param = declaration["param"];
  const token = param !== undefined ? query[param] : undefined;
  const fields: Array<readonly [string, unknown]> = [];
  const set = (pointer: string | undefined, value: unknown) => pointer && fields.push([pointer, value]);

  switch (declaration.scheme) {
    case "page-number": {
      const page = token === undefined ? 1 : Number(token);
      const pages = Math.max(1, Math.ceil(all.length / size));
      set(declaration["total"], pages);
      siblings(declaration["total"], { current: page, size, items: all.length }, set);
      return { items: all.slice((page - 1) * size, page * size), fields };
    }
    case "start-index": {
      const start = token === undefined ? 1 : Math.max(1, Number(token));
      const items = all.slice(start - 1, start - 1 + size);
      set(declaration["total"], all.length);
      siblings(declaration["total"], { itemsPerPage: items.length, startIndex: start }, set);
      return { items, fields };
    }
    case "key":
    case "cursor":
    case "page-token": {
      const offset = token === undefined ? 0 : decodeToken(textOf(token), param!);
      const end = offset + size;
      const more = end < all.length;
      if (declaration.scheme === "cursor") {
        set(declaration["next"], encodeToken(Math.min(end, all.length)));
        set(declaration["more"], more);
      } else {
        set(declaration["next"], more ? encodeToken(end) : declaration.scheme === "key" ? undefined : "");
      }
      return { items: all.slice(offset, end), fields };
    }
    case "offset-next":
    case "next-path": {
      const offset = query["offset"] === undefined ? 0 : Number(query["offset"]);
      const end = offset + size;
      const next = new URLSearchParams(url.search);
      if (sizeName) next.set(sizeName, String(size));
      next.set("offset", String(end));
      const nextPath = `${url.pathname}?${next.toString()}`;
      set(declaration["next"], end < all.length ? nextPath : declaration.scheme === "offset-next" ? null : nextPath);
      siblings(declaration["next"], { limit: size, offset, total_count: all.length, previous: null }, set);
      return { items: all.slice(offset, end), fields };
    }
    default:
      return { items: all, fields };
  }
}

/** Writes `value` at an instance pointer, making the objects on the way; `undefined` removes it. */
export function setAt(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = pointer.split("/").filter(Boolean);
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isObject(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  const last = segments.at(-1);
  if (last === undefined) return;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Values for fields beside a pointer (`/pages/total` → `/pages/current`), written only where the envelope has them. */
function siblings(pointer: string | undefined, values: Record<string, unknown>, set: (pointer: string, value: unknown) => void): void {
  if (!pointer) return;
  const parent = pointer.slice(0, pointer.lastIndexOf("/"));
  for (const [name, value] of Object.entries(values)) set(`${parent}/${name}?`, value);
}

function defaultSize(document: OpenApiDocument, op: SpecOperation, name: string | undefined): number {
  const parameter = op.parameters.find((p) => p.in === "query" && p.name === name);
  const { node } = parameter ? deref(document, parameter.schema) : { node: undefined };
  if (isObject(node) && typeof node["default"] === "number") return node["default"];
  if (isObject(node) && typeof node["maximum"] === "number") return Math.min(node["maximum"], DEFAULT_PAGE_SIZE);
  return DEFAULT_PAGE_SIZE;
}

const encodeToken = (offset: number): string => Buffer.from(`o:${offset}`).toString("base64url");

function decodeToken(token: string, name: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(token, "base64url").toString("latin1"));
  if (!match) throw new HttpError(400, "invalid_request", `Query parameter "${name}" is not a value this server handed out`);
  return Number(match[1]);
}
