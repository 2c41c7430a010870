import { itemsAt, tokenAt, withQuery, type Pager } from "./pager.js";

/**
 * An opaque page token that replaces the first page's parameter (`startdate` → `nextpagetoken`);
 * an empty page or an empty token ends the walk.
 */
export function pageTokenPager(options: { items: string; param: string; next: string; replaces?: string }): Pager {
  return {
    items: (body) => itemsAt(body, options.items),
    next(body, current, items) {
      const token = tokenAt(body, options.next);
      if (items.length === 0 || token === undefined) return null;
      return withQuery(current, options.param, token, options.replaces);
    },
  };
}
