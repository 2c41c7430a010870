import { readPointer } from "../declaration/template.js";
import { itemsAt, numberAt, withQuery, type Pager } from "./pager.js";

/** Numbered pages from 1 with a total page count in each answer. */
export function pageNumberPager(options: { items: string; param: string; total: string }): Pager {
  return {
    items: (body) => itemsAt(body, options.items),
    next(body, current, items) {
      const page = Number(current.query[options.param] ?? 1);
      const total = readPointer(body, options.total);
      // Without a total (some servers send it only on request), the walk goes on to an empty page.
      if (items.length === 0 || !Number.isFinite(page) || (total !== undefined && total !== null && !(page < numberAt(body, options.total)))) return null;
      return withQuery(current, options.param, page + 1);
    },
  };
}
