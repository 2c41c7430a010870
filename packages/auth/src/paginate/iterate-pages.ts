import { ApiError } from "../errors/api-error.js";
import type { Redactor } from "../errors/redact.js";
import type { EventListener } from "../events.js";
import { responseError } from "../errors/response-error.js";
import { readPointer } from "../declaration/template.js";
import { PageShapeError, type PageRequest, type Pager } from "./pager.js";
import type { TextItemsDecoder } from "./text-items.js";

/** What the loop needs of an openapi-fetch client: one GET. */
export type GetPage = (
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface IterateOptions {
  get: GetPage;
  pager: Pager;
  path: string;
  /** What the caller passed, as for `GET`: params, headers, signal. */
  init?: { params?: { query?: Record<string, unknown>; path?: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;
  source: string;
  redactor?: Redactor;
  /** Told of each page read (`page.fetched`); left out when nobody listens. */
  onEvent?: EventListener;
  /** Pages whose items may be a text document (`itemsText`): where it is, and how it reads. */
  textItems?: { at: string; decode: TextItemsDecoder };
}

/**
 * The one loop behind every `paginate()`: fetch a page, yield its items, ask the pager for the
 * next request. A failed page throws `ApiError`; a 204 or an empty body ends the walk; a server
 * that sends us back to a page we already asked for is stopped rather than followed forever.
 *
 * Written by hand rather than as an async generator: an item from a page already in hand is an
 * already-settled promise, with none of a generator's resume machinery per item.
 */
export function iteratePages(options: IterateOptions): AsyncIterableIterator<unknown> {
  const pages = iteratePageResults(options);
  let items: readonly unknown[] = [];
  let index = 0;
  let done = false;
  // `next()` may be called again before a page arrives: calls are answered in order.
  let turn: Promise<unknown> = Promise.resolve();

  const pull = async (): Promise<IteratorResult<unknown, undefined>> => {
    while (index >= items.length) {
      if (done) return { value: undefined, done: true };
      const page = await pages.next();
      if (page.done) {
        done = true;
        return { value: undefined, done: true };
      }
      items = page.value.items;
      index = 0;
    }
    return { value: items[index++], done: false };
  };

  let waiting = 0;
  const iterator: AsyncIterableIterator<unknown> = {
    next() {
      if (waiting === 0 && index < items.length) return Promise.resolve({ value: items[index++], done: false });
      waiting++;
      const result = turn.then(pull);
      turn = result.then(
        () => waiting--,
        () => waiting--,
      );
      return result;
    },
    async return() {
      done = true;
      items = [];
      await pages.return(undefined);
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * How many recent page positions the loop guard remembers. A server that sends paging back to
 * one of them is stopped; the guard's memory stays bounded however long the walk (a cycle
 * longer than this many pages is not one real servers make).
 */
const LOOP_GUARD_PAGES = 1000;

/** One page as `pages()` yields it: its items and where a later run resumes. */
export interface PageResult<Item = unknown> {
  items: Item[];
  /** Query parameters to pass (with the same path and filters) to resume after this page; `null` at a final end. */
  checkpoint: Record<string, unknown> | null;
}

/** The same walk as `iteratePages`, a page at a time, with a checkpoint after each. */
export async function* iteratePageResults(options: IterateOptions): AsyncGenerator<PageResult, void, undefined> {
  const { get, pager, init = {}, source, onEvent } = options;
  let page = 0;
  // Insertion-ordered: the oldest position is the first one, dropped past the guard's size.
  const seen = new Set<string>();
  let request: PageRequest | null = { path: options.path, query: { ...init.params?.query } };
  while (request) {
    const position = `${request.path}?${JSON.stringify(request.query)}`;
    if (seen.has(position)) {
      throw new ApiError(`${source}: the server sent paging back to a page already read (${request.path}); stopped to avoid a loop.`, {
        status: 200,
        hint: "This is a server-side paging bug; narrow the query (time range, filters) to work around it.",
      });
    }
    seen.add(position);
    if (seen.size > LOOP_GUARD_PAGES) seen.delete(seen.values().next().value!);
    const started = onEvent ? Date.now() : 0;
    const { data, error, response } = await get(request.path, {
      ...init,
      params: { ...init.params, query: request.query },
    });
    if (!response.ok) {
      throw responseError({ doing: `GET ${request.path} while paging`, response, body: error, source, redactor: options.redactor });
    }
    if (response.status === 204 || data === undefined || data === null) return;
    let items: unknown[];
    const { textItems } = options;
    const text = textItems ? readPointer(data, textItems.at) : undefined;
    if (textItems && typeof text === "string") {
      items = await decodeText(textItems.decode, text, request.path, response.status, source, options.redactor);
    } else {
      try {
        items = pager.items(data);
      } catch (error) {
        if (!(error instanceof PageShapeError)) throw error;
        throw new ApiError(`${source}: GET ${request.path}: ${error.message}, so it cannot be paged.`, {
          status: response.status,
          hint: "Ask for JSON: this operation's spec declares no text format for its pages.",
        });
      }
    }
    page++;
    onEvent?.({ type: "page.fetched", path: request.path, page, items: items.length, durationMs: Date.now() - started });
    const next = pager.next(data, request, items);
    const checkpoint = pager.checkpoint ? pager.checkpoint(data, request, items) : (next?.query ?? null);
    yield { items, checkpoint };
    request = next;
  }
}

/** A text page's records, or an `ApiError` (the page failed) when the text is malformed. */
async function decodeText(decode: TextItemsDecoder, text: string, path: string, status: number, source: string, redactor: Redactor | undefined): Promise<unknown[]> {
  try {
    return await decode(text);
  } catch (error) {
    throw new ApiError(`${source}: GET ${path}: a page's records could not be parsed (${error instanceof Error ? error.message : "malformed text"}).`, {
      status,
      cause: error,
      ...(redactor ? { redactor } : {}),
      hint: "Ask for JSON to read the records as the service sent them.",
    });
  }
}
