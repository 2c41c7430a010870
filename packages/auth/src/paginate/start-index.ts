import { itemsAt, numberAt, withQuery, type Pager } from "./pager.js";

/**
 * A 1-based index of the first item (SCIM's `startIndex`, RFC 7644 §3.4.2.4): the next page
 * starts after the items received; the walk ends at `total` or on an empty page.
 */
export function startIndexPager(options: { items: string; param: string; total: string }): Pager {
  return {
    items: (body) => itemsAt(body, options.items),
    next(body, current, items) {
      const start = Number(current.query[options.param] ?? 1);
      const total = numberAt(body, options.total);
      const next = start + items.length;
      if (items.length === 0 || !Number.isFinite(next) || (Number.isFinite(total) && next > total)) return null;
      return withQuery(current, options.param, next);
    },
  };
}
