import { afterEach, describe, expect, it } from "vitest";
import { startSpecServer } from "../src/spec/index.js";
import type { OpenApiDocument, SpecServer } from "../src/spec/index.js";

const error = { $ref: "#/components/responses/Error" };
const list = (scheme: Record<string, unknown>, envelope: Record<string, unknown>, parameters: unknown[]) => ({
  get: {
    operationId: `list-${String(scheme["scheme"])}`,
    "x-secfetch-paginate": scheme,
    parameters,
    responses: { "200": { description: "page", content: { "application/json": { schema: { type: "object", properties: envelope } } } }, "400": error },
  },
});
const widgets = { type: "array", items: { $ref: "#/components/schemas/Widget" } };

/** A document no emulator has code for: what a spec alone is served as. */
const DOCUMENT = {
  openapi: "3.1.0",
  paths: {
    "/widgets": {
      get: {
        operationId: "listWidgets",
        "x-secfetch-paginate": { scheme: "page-number", items: "/items", param: "page", total: "/pages/total" },
        parameters: [
          { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 10 } },
          { name: "colour", in: "query", schema: { $ref: "#/components/schemas/Colour" } },
        ],
        responses: {
          "200": { description: "page", content: { "application/json": { schema: { type: "object", required: ["items", "pages"], properties: { items: widgets, pages: { type: "object", properties: { current: { type: "integer" }, total: { type: "integer" } } } } } } } },
          "400": error,
        },
      },
      post: {
        operationId: "createWidget",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewWidget" } } } },
        responses: { "201": { description: "made", content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } }, "400": error },
      },
    },
    "/widgets/{widgetId}": {
      parameters: [{ name: "widgetId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      get: { operationId: "getWidget", responses: { "200": { description: "it", content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } }, "404": error } },
      patch: {
        operationId: "updateWidget",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", additionalProperties: false, properties: { name: { type: "string" }, colour: { $ref: "#/components/schemas/Colour" } } } } } },
        responses: { "200": { description: "it", content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } }, "404": error },
      },
      delete: { operationId: "deleteWidget", responses: { "204": { description: "gone" }, "404": error } },
    },
    "/widgets/{widgetId}/polish": {
      post: {
        operationId: "polishWidget",
        parameters: [{ name: "widgetId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "202": { description: "queued", content: { "application/json": { schema: { type: "object", properties: { queued: { type: "boolean" } } }, example: { queued: true } } } }, "404": error },
      },
    },
    "/cursor-things": list({ scheme: "cursor", items: "/items", param: "cursor", next: "/next_cursor", more: "/has_more" }, { items: widgets, next_cursor: { type: "string" }, has_more: { type: "boolean" } }, [{ name: "cursor", in: "query", schema: { type: "string" } }, { name: "limit", in: "query", schema: { type: "integer", default: 7 } }]),
    "/key-things": list({ scheme: "key", items: "/items", param: "pageFromKey", next: "/pages/nextKey" }, { items: widgets, pages: { type: "object", properties: { nextKey: { type: "string" } } } }, [{ name: "pageFromKey", in: "query", schema: { type: "string" } }, { name: "pageSize", in: "query", schema: { type: "integer", default: 7 } }]),
    "/offset-things/": list({ scheme: "offset-next", items: "/objects", next: "/meta/next" }, { objects: widgets, meta: { type: "object", properties: { next: { type: ["string", "null"] }, total_count: { type: "integer" }, limit: { type: "integer" }, offset: { type: "integer" } } } }, [{ name: "offset", in: "query", schema: { type: "integer", minimum: 0 } }, { name: "limit", in: "query", schema: { type: "integer", default: 7 } }]),
    "/index-things": list({ scheme: "start-index", items: "/Resources", param: "startIndex", total: "/totalResults" }, { Resources: widgets, totalResults: { type: "integer" }, startIndex: { type: "integer" }, itemsPerPage: { type: "integer" } }, [{ name: "startIndex", in: "query", schema: { type: "integer", minimum: 1 } }, { name: "count", in: "query", schema: { type: "integer", default: 7 } }]),
    "/token-things": list({ scheme: "page-token", items: "/data", param: "nextpagetoken", next: "/nextpagetoken", replaces: "since" }, { data: widgets, nextpagetoken: { type: "string" } }, [{ name: "nextpagetoken", in: "query", schema: { type: "string" } }, { name: "since", in: "query", schema: { type: "string", format: "date-time" } }, { name: "size", in: "query", schema: { type: "integer", default: 7 } }]),
    // A membership list: members are existing widgets, added by id and taken out by an ids query.
    "/widget-crates": {
      get: { operationId: "listCrates", responses: { "200": { description: "all", content: { "application/json": { schema: { type: "object", properties: { items: { type: "array", items: { $ref: "#/components/schemas/Crate" } } } } } } } } },
      post: { operationId: "createCrate", requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { label: { type: "string" } } } } } }, responses: { "201": { description: "made", content: { "application/json": { schema: { $ref: "#/components/schemas/Crate" } } } } } },
    },
    "/widget-crates/{crateId}/widgets": {
      parameters: [{ name: "crateId", in: "path", required: true, schema: { type: "string" } }],
      get: { operationId: "listCrateWidgets", responses: { "200": { description: "members", content: { "application/json": { schema: { type: "object", properties: { items: widgets } } } } }, "404": error } },
      post: {
        operationId: "addCrateWidgets",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["ids"], properties: { ids: { type: "array", items: { type: "string" } } } } } } },
        responses: { "201": { description: "done", content: { "application/json": { schema: { type: "object", properties: { added: { type: "array", items: { type: "string" } }, notFound: { type: "array", items: { type: "string" } } } } } } }, "404": error },
      },
      delete: {
        operationId: "removeCrateWidgets",
        parameters: [{ name: "ids", in: "query", required: true, style: "form", explode: false, schema: { type: "array", items: { type: "string" } } }],
        responses: { "200": { description: "done", content: { "application/json": { schema: { type: "object", properties: { removed: { type: "array", items: { type: "string" } }, notFound: { type: "array", items: { type: "string" } } } } } } }, "404": error },
      },
    },
    // Settings: one object per kind from a fixed set, and keys into an object of settings.
    "/settings/{kind}": {
      parameters: [{ name: "kind", in: "path", required: true, schema: { type: "string", enum: ["computer", "server"] } }],
      get: { operationId: "getKindSettings", responses: { "200": { description: "it", content: { "application/json": { schema: { type: "object", properties: { enabled: { type: "boolean" } } }, example: { enabled: true } } } } } },
    },
    "/options": { get: { operationId: "getOptions", responses: { "200": { description: "all", content: { "application/json": { schema: { type: "object", additionalProperties: { type: "string" } } } } } } } },
    "/options/{optionKey}": {
      parameters: [{ name: "optionKey", in: "path", required: true, schema: { type: "string" } }],
      get: { operationId: "getOption", responses: { "200": { description: "it", content: { "application/json": { schema: { type: "object", properties: { value: { type: "string" } } }, example: { value: "on" } } } } } },
    },
  },
  components: {
    responses: { Error: { description: "refused", content: { "application/json": { schema: { type: "object" } } } } },
    schemas: {
      Colour: { type: "string", enum: ["red", "green", "blue"] },
      Crate: { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" }, label: { type: "string" } } },
      NewWidget: { type: "object", required: ["name"], additionalProperties: false, properties: { name: { type: "string", minLength: 1 }, colour: { $ref: "#/components/schemas/Colour" } } },
      Widget: { type: "object", required: ["id", "name", "colour", "createdAt"], properties: { id: { type: "string", format: "uuid" }, name: { type: "string", examples: ["sprocket", "gear"] }, colour: { $ref: "#/components/schemas/Colour" }, createdAt: { type: "string", format: "date-time" } } },
    },
  },
} as unknown as OpenApiDocument;

let server: SpecServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (options: Parameters<typeof startSpecServer>[1] = {}) => (server = await startSpecServer(DOCUMENT, { count: 23, ...options }));
const call = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init;
  const response = await fetch(`${server!.url}${path}`, json === undefined ? rest : { ...rest, body: JSON.stringify(json), headers: { "Content-Type": "application/json", ...rest.headers } });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
};

describe("a spec served with no vendor code", () => {
  it("keeps a collection: create, read back, list, change, delete, then 404", async () => {
    await start();
    const created = await call("/widgets", { method: "POST", json: { name: "flux capacitor", colour: "blue" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "flux capacitor", colour: "blue" });
    const id = created.body!["id"] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call(`/widgets/${id}`)).body).toEqual(created.body);

    const all: Array<Record<string, unknown>> = [];
    for (let page = 1; ; page++) {
      const { body } = await call(`/widgets?page=${page}&pageSize=10`);
      all.push(...body!["items"]);
      expect(body!["pages"]).toMatchObject({ current: page, total: 3 });
      if (page === body!["pages"].total) break;
    }
    expect(all).toHaveLength(24);
    expect(new Set(all.map((w) => w["id"])).size).toBe(24);
    expect(all.at(-1)).toEqual(created.body);

    const changed = await call(`/widgets/${id}`, { method: "PATCH", json: { colour: "red" } });
    expect(changed.body).toMatchObject({ id, name: "flux capacitor", colour: "red" });
    expect((await call(`/widgets/${id}/polish`, { method: "POST" })).status).toBe(202);
    expect((await call(`/widgets/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/widgets/${id}`)).status).toBe(404);
    expect((await call(`/widgets/${id}/polish`, { method: "POST" })).status).toBe(404);
  });

  it("filters a list by a query parameter named like an item field", async () => {
    await start({ count: 60 });
    const { body } = await call("/widgets?colour=green&pageSize=100");
    expect(body!["items"].length).toBeGreaterThan(0);
    expect(body!["items"].every((w: Record<string, unknown>) => w["colour"] === "green")).toBe(true);
  });

  it.each([
    ["/cursor-things", "items", (b: any) => (b.has_more ? `cursor=${b.next_cursor}` : undefined)],
    ["/key-things", "items", (b: any) => (b.pages?.nextKey ? `pageFromKey=${b.pages.nextKey}` : undefined)],
    ["/offset-things/", "objects", (b: any) => (b.meta.next ? b.meta.next.split("?")[1] : undefined)],
    ["/index-things", "Resources", (b: any) => (b.startIndex + b.itemsPerPage - 1 < b.totalResults ? `startIndex=${b.startIndex + b.itemsPerPage}` : undefined)],
    ["/token-things", "data", (b: any) => (b.nextpagetoken ? `nextpagetoken=${b.nextpagetoken}` : undefined)],
  ])("walks %s to the end by its declared scheme, each item once", async (path, items, next) => {
    await start();
    const ids: unknown[] = [];
    let query: string | undefined = "";
    let pages = 0;
    while (query !== undefined) {
      const { status, body } = await call(`${path}?${query}`);
      expect(status).toBe(200);
      ids.push(...body![items].map((w: Record<string, unknown>) => w["id"]));
      query = next(body);
      expect(++pages).toBeLessThan(10);
    }
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(23);
  });

  it.each([
    ["an unknown query parameter", "/widgets?colour=red&color=red", {}, 400, 'Unknown query parameter "color"'],
    ["a value outside the schema", "/widgets?pageSize=101", {}, 400, 'Query parameter "pageSize" must be <= 100'],
    ["a value not in the enum", "/widgets?colour=pink", {}, 400, 'Query parameter "colour" must be one of "red", "green", "blue"'],
    ["a missing required field", "/widgets", { method: "POST", json: {} }, 400, 'Body field "name" is required'],
    ["a field the schema does not allow", "/widgets", { method: "POST", json: { name: "x", size: 3 } }, 400, 'Body field "size" is not allowed here'],
    ["a form body where JSON is required", "/widgets", { method: "POST", body: "name=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } }, 415, "Content-Type must be application/json"],
    ["malformed JSON", "/widgets", { method: "POST", body: "{", headers: { "Content-Type": "application/json" } }, 400, "not valid JSON"],
    ["a body where none belongs", "/widgets/3f1c6f1e-8a55-4c57-9d1c-0d5b8a1c2e01", { method: "DELETE", json: { why: "because" } }, 400, "takes no request body"],
    ["a path parameter of the wrong format", "/widgets/not-a-uuid", {}, 400, 'Path parameter "widgetId" must match format "uuid"'],
    ["a token it never handed out", "/key-things?pageFromKey=forged", {}, 400, 'Query parameter "pageFromKey" is not a value this server handed out'],
  ])("refuses %s with a message naming the field", async (_name, path, init, status, message) => {
    await start();
    const answer = await call(path, init);
    expect(answer.status).toBe(status);
    expect(answer.body!["message"]).toContain(message);
  });

  it("gives the same data for the same seed and other data for another", async () => {
    const read = async (seed: number) => {
      await start({ seed, now: Date.UTC(2026, 0, 1) });
      const { body } = await call("/widgets?pageSize=100");
      await server!.close();
      return body!["items"];
    };
    const first = await read(5);
    expect(await read(5)).toEqual(first);
    expect(await read(6)).not.toEqual(first);
  });

  it("adds existing items to a membership list by id, reports the ids it lacks, and takes them out", async () => {
    await start();
    const crate = (await call("/widget-crates", { method: "POST", json: { label: "spares" } })).body!["id"] as string;
    expect((await call(`/widget-crates/${crate}/widgets`)).body!["items"]).toEqual([]);
    const [a, b] = (await call("/widgets?pageSize=2")).body!["items"] as Array<{ id: string; name: string }>;
    const added = await call(`/widget-crates/${crate}/widgets`, { method: "POST", json: { ids: [a!.id, "nope", b!.id] } });
    expect(added).toEqual({ status: 201, body: { added: [a!.id, b!.id], notFound: ["nope"] } });
    const members = (await call(`/widget-crates/${crate}/widgets`)).body!["items"] as Array<{ id: string; name: string }>;
    expect(members.map((m) => [m.id, m.name])).toEqual([[a!.id, a!.name], [b!.id, b!.name]]);
    const removed = await call(`/widget-crates/${crate}/widgets?ids=${a!.id},nope`, { method: "DELETE" });
    expect(removed.body).toEqual({ removed: [a!.id], notFound: ["nope"] });
    expect((await call(`/widget-crates/${crate}/widgets`)).body!["items"]).toHaveLength(1);
    expect((await call("/widget-crates/no-such-crate/widgets", { method: "POST", json: { ids: [a!.id] } })).status).toBe(404);
  });

  it("answers a key from a fixed set, or a key into an object of settings, rather than look for an item", async () => {
    await start();
    expect(await call("/settings/server")).toEqual({ status: 200, body: { enabled: true } });
    expect((await call("/settings/phone")).status).toBe(400);
    expect(await call("/options/any.key")).toEqual({ status: 200, body: { value: "on" } });
  });

  it("forgets changes on reset", async () => {
    await start();
    const { body } = await call("/widgets", { method: "POST", json: { name: "temporary" } });
    server!.engine.reset();
    expect((await call(`/widgets/${body!["id"]}`)).status).toBe(404);
  });
});
