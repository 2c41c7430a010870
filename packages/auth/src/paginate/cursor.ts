import { readPointer } from "../declaration/template.js";
import { itemsAt, tokenAt, withQuery, type Pager } from "./pager.js";

/**
 * A cursor plus a "more" flag. The flag decides: some servers return a cursor even on the last
 * page, and following it would ask again for nothing (or loop).
 */
export function cursorPager(options: { items: string; param: string; next: string; more: string; replaces?: string }): Pager {
  return {
    items: (body) => itemsAt(body, options.items),
    next(body, current) {
      if (readPointer(body, options.more) !== true) return null;
      const cursor = tokenAt(body, options.next);
      return cursor === undefined ? null : withQuery(current, options.param, cursor, options.replaces);
    },
    // The last page's cursor is where new items will appear: it is the checkpoint to keep.
    checkpoint(body, current) {
      const cursor = tokenAt(body, options.next);
      return cursor === undefined ? null : withQuery(current, options.param, cursor, options.replaces).query;
    },
  };
}
