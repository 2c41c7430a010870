import { describe, expect, it } from "vitest";
import { createPager, type PageRequest } from "../../src/building-blocks.js";

const first = (query: Record<string, unknown> = {}): PageRequest => ({ path: "/list", query });

describe("pagers", () => {
  it("next-path follows the server's path and stops on a short or empty page", () => {
    const pager = createPager({ scheme: "next-path", items: "/resources", next: "/nextPath", pageSize: "limit", pageSizeDefault: 50 });
    const full = { resources: [1, 2], nextPath: "/list?limit=2&cursor=abc&ids=a&ids=b" };
    expect(pager.next(full, first({ limit: 2 }), [1, 2])).toEqual({ path: "/list", query: { limit: "2", cursor: "abc", ids: ["a", "b"] } });
    expect(pager.next(full, first({ limit: 3 }), [1, 2])).toBeNull();
    expect(pager.next({ resources: [], nextPath: "/list?x=1" }, first({ limit: 2 }), [])).toBeNull();
    expect(pager.next({ resources: Array(50).fill(0), nextPath: "/list?p=2" }, first(), Array(50).fill(0))).not.toBeNull();
  });

  it("next-path never leaves the client's host", () => {
    const pager = createPager({ scheme: "next-path", items: "/resources", next: "/nextPath" });
    expect(pager.next({ nextPath: "https://evil.example/steal?x=1" }, first(), [1])).toEqual({ path: "/steal", query: { x: "1" } });
  });

  it("page-number counts up to the total", () => {
    const pager = createPager({ scheme: "page-number", items: "/items", param: "page", total: "/pages/total" });
    expect(pager.next({ items: [1], pages: { total: 3 } }, first({ page: 2 }), [1])).toEqual({ path: "/list", query: { page: 3 } });
    expect(pager.next({ items: [1], pages: { total: 3 } }, first({ page: 3 }), [1])).toBeNull();
    expect(pager.next({ items: [1], pages: { total: 3 } }, first(), [1])).toEqual({ path: "/list", query: { page: 2 } });
  });

  it("key stops without a next key", () => {
    const pager = createPager({ scheme: "key", items: "/items", param: "pageFromKey", next: "/pages/nextKey" });
    expect(pager.next({ pages: { nextKey: "k2" } }, first({ pageSize: 10 }), [1])).toEqual({ path: "/list", query: { pageSize: 10, pageFromKey: "k2" } });
    expect(pager.next({ pages: {} }, first(), [1])).toBeNull();
  });

  it("cursor stops on has_more false even with a cursor present", () => {
    const pager = createPager({ scheme: "cursor", items: "/items", param: "cursor", next: "/next_cursor", more: "/has_more", replaces: "from_date" });
    expect(pager.next({ has_more: true, next_cursor: "c2" }, first({ from_date: 1 }), [1])).toEqual({ path: "/list", query: { cursor: "c2" } });
    expect(pager.next({ has_more: false, next_cursor: "c3" }, first(), [1])).toBeNull();
  });

  it("offset-next follows meta.next until null", () => {
    const pager = createPager({ scheme: "offset-next", items: "/objects", next: "/meta/next" });
    expect(pager.items({ objects: [1, 2] })).toEqual([1, 2]);
    expect(pager.next({ meta: { next: "/api/v1/users/?limit=20&offset=20" } }, first(), [1])).toEqual({
      path: "/api/v1/users/",
      query: { limit: "20", offset: "20" },
    });
    expect(pager.next({ meta: { next: null } }, first(), [1])).toBeNull();
  });

  it("page-token swaps the first page's parameter for the token and stops on empty", () => {
    const pager = createPager({ scheme: "page-token", items: "/response/data", param: "nextpagetoken", next: "/nextpagetoken", replaces: "startdate" });
    const current = first({ type: "access", startdate: "2026-01-01T00:00:00Z" });
    expect(pager.next({ nextpagetoken: "t1", response: { data: [1] } }, current, [1])).toEqual({ path: "/list", query: { type: "access", nextpagetoken: "t1" } });
    expect(pager.next({ nextpagetoken: "", response: { data: [1] } }, current, [1])).toBeNull();
    expect(pager.next({ nextpagetoken: "t2", response: { data: [] } }, current, [])).toBeNull();
  });
});
