import type { PaginationDeclaration } from "../declaration/types.js";
import { cursorPager } from "./cursor.js";
import { nextKeyPager } from "./next-key.js";
import { nextPathPager } from "./next-path.js";
import { offsetNextPager } from "./offset-next.js";
import type { Pager } from "./pager.js";
import { pageNumberPager } from "./page-number.js";
import { pageTokenPager } from "./page-token.js";
import { startIndexPager } from "./start-index.js";

/** The pager for a declared scheme. */
export function createPager(declaration: PaginationDeclaration): Pager {
  switch (declaration.scheme) {
    case "next-path":
      return nextPathPager(declaration);
    case "page-number":
      return pageNumberPager(declaration);
    case "key":
      return nextKeyPager(declaration);
    case "cursor":
      return cursorPager(declaration);
    case "offset-next":
      return offsetNextPager(declaration);
    case "page-token":
      return pageTokenPager(declaration);
    case "start-index":
      return startIndexPager(declaration);
  }
}
