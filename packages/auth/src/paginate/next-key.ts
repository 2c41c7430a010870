import { itemsAt, tokenAt, withQuery, type Pager } from "./pager.js";

/** A key for the next page (`pages.nextKey` → `pageFromKey`); no key means the last page. */
export function nextKeyPager(options: { items: string; param: string; next: string }): Pager {
  return {
    items: (body) => itemsAt(body, options.items),
    next(body, current) {
      const key = tokenAt(body, options.next);
      return key === undefined ? null : withQuery(current, options.param, key);
    },
  };
}
