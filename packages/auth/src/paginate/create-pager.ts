import type { EngineFeatures } from "../client/engine-features.js";
import type { PaginationDeclaration } from "../declaration/types.js";
import { cursorPager } from "./cursor.js";
import { nextKeyPager } from "./next-key.js";
import { nextPathPager } from "./next-path.js";
import { offsetNextPager } from "./offset-next.js";
import type { Pager } from "./pager.js";
import { pageNumberPager } from "./page-number.js";
import { pageTokenPager } from "./page-token.js";
import { startIndexPager } from "./start-index.js";

/** Every paging scheme's pager, by scheme: the one map `createPager` and `ALL_FEATURES` use. */
export const ALL_PAGERS: Required<NonNullable<EngineFeatures["pagers"]>> = {
  "next-path": nextPathPager,
  "page-number": pageNumberPager,
  key: nextKeyPager,
  cursor: cursorPager,
  "offset-next": offsetNextPager,
  "page-token": pageTokenPager,
  "start-index": startIndexPager,
};

/** The pager for a declared scheme. */
export function createPager(declaration: PaginationDeclaration): Pager {
  return (ALL_PAGERS[declaration.scheme] as (declaration: PaginationDeclaration) => Pager)(declaration);
}
