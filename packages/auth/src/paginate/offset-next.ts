import { fromServerPath, itemsAt, tokenAt, type Pager } from "./pager.js";

/** A relative link to the next page (`meta.next`), `null` on the last page. */
export function offsetNextPager(options: { items: string; next: string }): Pager {
  return {
    items: (body) => itemsAt(body, options.items),
    next(body) {
      const next = tokenAt(body, options.next);
      return next === undefined ? null : fromServerPath(next);
    },
  };
}
