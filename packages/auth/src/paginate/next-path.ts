import { fromServerPath, itemsAt, tokenAt, type Pager } from "./pager.js";

/**
 * The server hands back the next page's path with its query (`nextPath`), even after the last
 * page; a page shorter than the requested size is the last one.
 */
export function nextPathPager(options: { items: string; next: string; pageSize?: string; pageSizeDefault?: number }): Pager {
  return {
    items: (body) => itemsAt(body, options.items),
    next(body, current, items) {
      const next = tokenAt(body, options.next);
      const requested = options.pageSize === undefined ? undefined : Number(current.query[options.pageSize] ?? options.pageSizeDefault);
      if (next === undefined || items.length === 0) return null;
      if (requested !== undefined && Number.isFinite(requested) && items.length < requested) return null;
      return fromServerPath(next);
    },
  };
}
