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
    // After a page with items, resume from the token it handed back; after an empty page, from
    // the position that gave it (the server's token for "nothing yet" may not be reusable).
    checkpoint(body, current, items) {
      const token = items.length > 0 ? tokenAt(body, options.next) : undefined;
      return token === undefined ? { ...current.query } : withQuery(current, options.param, token, options.replaces).query;
    },
  };
}
