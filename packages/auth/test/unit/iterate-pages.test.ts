import { describe, expect, it } from "vitest";
import { ApiError, createPager, iteratePages, type GetPage } from "../../src/building-blocks.js";
import { csvTextItems } from "../../src/paginate/text-items.js";

// The item iterator behind `paginate()`, over a page source in memory (the walk over real
// sockets is covered by the vendor packages and the reliability tests).

function pagesOf(pages: number[][], failAt?: number): { get: GetPage; asked: number[] } {
  const asked: number[] = [];
  const get: GetPage = async (_path, init) => {
    const page = Number((init.params as { query: { page?: number } }).query.page ?? 1);
    asked.push(page);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (page === failAt) return { error: { error: "boom" }, response: new Response("{}", { status: 500 }) };
    return { data: { items: pages[page - 1] ?? [], total: pages.length }, response: new Response("{}", { status: 200 }) };
  };
  return { get, asked };
}

const pager = createPager({ scheme: "page-number", items: "/items", param: "page", total: "/total" } as never);
const walk = (get: GetPage) => iteratePages({ get, pager, path: "/things", source: "@secfetch/test" });

describe("iteratePages", () => {
  it("yields every item in order across pages", async () => {
    const { get, asked } = pagesOf([[1, 2], [3], [4, 5, 6]]);
    const seen: unknown[] = [];
    for await (const item of walk(get)) seen.push(item);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("answers next() calls made before a page arrives in order, each item once", async () => {
    const { get } = pagesOf([[1, 2], [3, 4]]);
    const iterator = walk(get);
    const results = await Promise.all(Array.from({ length: 6 }, () => iterator.next()));
    expect(results.map((result) => (result.done ? "done" : result.value))).toEqual([1, 2, 3, 4, "done", "done"]);
  });

  it("stops fetching when the caller breaks out", async () => {
    const { get, asked } = pagesOf([[1, 2], [3, 4], [5, 6]]);
    for await (const item of walk(get)) if (item === 2) break;
    expect(asked).toEqual([1]);
  });

  it("a failed page is an ApiError after the items before it, and the walk is over", async () => {
    const { get } = pagesOf([[1, 2], [3, 4]], 2);
    const iterator = walk(get);
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    await expect(iterator.next()).rejects.toBeInstanceOf(ApiError);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});

describe("text pages (itemsText)", () => {
  const tokenPager = createPager({ scheme: "page-token", items: "/data", itemsText: "csv", param: "token", next: "/next" });
  const csvPages = (documents: unknown[]): GetPage => {
    let page = 0;
    return async () => {
      const data = documents[page];
      page++;
      return { data: { data, next: page < documents.length ? `t${page}` : "" }, response: new Response("{}", { status: 200 }) };
    };
  };
  const walkText = (get: GetPage) =>
    iteratePages({ get, pager: tokenPager, path: "/logs", source: "@secfetch/test", textItems: { at: "/data", decode: csvTextItems(() => import("csv-parse/sync")) } });

  it("reads a CSV page as records keyed by its header (quotes, commas and line breaks in fields), a list as a list", async () => {
    const seen: unknown[] = [];
    const documents = ['id,note\r\n1,"a, ""quoted""\nnote"\r\n2,plain\r\n', [{ id: "3", note: "json" }], "\ufeffid,note\n4,\n"];
    for await (const item of walkText(csvPages(documents))) seen.push(item);
    expect(seen).toEqual([
      { id: "1", note: 'a, "quoted"\nnote' },
      { id: "2", note: "plain" },
      { id: "3", note: "json" },
      { id: "4", note: "" },
    ]);
  });

  it("ends on an empty document, and fails a malformed one with ApiError rather than guessing", async () => {
    const seen: unknown[] = [];
    for await (const item of walkText(csvPages(["id\n1\n", ""]))) seen.push(item);
    expect(seen).toEqual([{ id: "1" }]);
    const error = await (async () => {
      for await (const _ of walkText(csvPages(['a,b\n"open,1\n']))) void _;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, message: expect.stringMatching(/GET \/logs: a page's records could not be parsed/) });
  });

  it("without itemsText, a text page is refused as not a list", async () => {
    const error = await (async () => {
      for await (const _ of iteratePages({ get: csvPages(["id\n1\n"]), pager: tokenPager, path: "/logs", source: "@secfetch/test" })) void _;
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: expect.stringMatching(/is text, not a list/) });
  });
});
