import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, TimeoutError, type CommonClientOptions } from "../../src/building-blocks.js";
import { apiKeyDefinition } from "../support/api-key-definition.js";
import { sendJson, testServersClosedAfterEach } from "../support/http-server.js";

// What the fast path (a cached credential, an answer no policy acts on) must keep of the full
// chain, over real sockets: bodies, middleware, aborts, timeouts, retries and body reads.

const start = testServersClosedAfterEach();

type Paths = {
  "/things": {
    get: { responses: { 200: { content: { "application/json": unknown } } } };
    post: { requestBody: { content: { "application/json": unknown } }; responses: { 200: { content: { "application/json": unknown } } } };
  };
};

const definition = apiKeyDefinition("@secfetch/test-fast-path");

const client = (url: string, options: Record<string, unknown> = {}) =>
  createApiClient<Paths, {}>(definition, { baseUrl: url, apiKey: "key-fast-path", ...options } as CommonClientOptions);

describe("the fast path (real sockets)", () => {
  it("sends a JSON body as JSON, and a bare string body as text/plain, as a real Request would", async () => {
    const server = await start((req, res) => sendJson(res, 200, { echo: req.bodyText, type: req.headers["content-type"] }));
    const api = client(server.url);
    const json = await api.POST("/things", { body: { name: "café ✓" } });
    expect(json.data).toEqual({ echo: '{"name":"café ✓"}', type: "application/json" });
    const text = await api.POST("/things", { body: "plain", bodySerializer: (body: unknown) => String(body), headers: { "Content-Type": null } });
    expect(text.data).toEqual({ echo: "plain", type: "text/plain;charset=UTF-8" });
  });

  it("sends a FormData body as multipart with its boundary", async () => {
    const server = await start((req, res) => sendJson(res, 200, { type: req.headers["content-type"], body: req.bodyText }));
    const api = client(server.url);
    const form = new FormData();
    form.set("file", new Blob(["a,b\n1,2\n"], { type: "text/csv" }), "rows.csv");
    const { data } = (await api.POST("/things", { body: form })) as { data: { type: string; body: string } };
    expect(data.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(data.body).toContain('filename="rows.csv"');
    expect(data.body).toContain("a,b\n1,2\n");
  });

  it("hands user middleware real Requests, and takes a Request the middleware returns", async () => {
    const server = await start((req, res) => sendJson(res, 200, { tag: req.headers["x-tag"] ?? null, key: req.headers["x-api-key"] }));
    const api = client(server.url);
    const seen: unknown[] = [];
    const middleware = {
      onRequest({ request }: { request: Request }) {
        seen.push(request instanceof Request);
        const tagged = new Request(request, { headers: new Headers(request.headers) });
        tagged.headers.set("x-tag", "from-middleware");
        return tagged;
      },
    };
    api.use(middleware);
    expect((await api.GET("/things")).data).toEqual({ tag: "from-middleware", key: "key-fast-path" });
    expect(seen).toEqual([true]);
    api.eject(middleware);
    expect((await api.GET("/things")).data).toEqual({ tag: null, key: "key-fast-path" });
  });

  it("replays the same bytes after a 503 with Retry-After (the first attempt's answer goes to the full chain)", async () => {
    let calls = 0;
    const server = await start((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { "retry-after": "0", "content-type": "application/json" }).end('{"error":"busy"}');
        return;
      }
      sendJson(res, 200, { ok: true });
    });
    const api = client(server.url);
    const { data } = await api.POST("/things", { body: { n: 1 } });
    expect(data).toEqual({ ok: true });
    expect(server.requests.map((request) => request.body)).toEqual(['{"n":1}', '{"n":1}']);
  });

  it("a stalled first attempt is a TimeoutError the full chain retries, and a GET then succeeds", async () => {
    let calls = 0;
    const server = await start((_req, res) => {
      calls++;
      if (calls === 1) return; // never answers
      sendJson(res, 200, { ok: true });
    });
    const api = client(server.url, { timeoutMs: 200 });
    expect((await api.GET("/things")).data).toEqual({ ok: true });
    expect(calls).toBe(2);
    const once = client(server.url, { timeoutMs: 200, maxRetries: 0 });
    calls = 0;
    await expect(once.GET("/things")).rejects.toBeInstanceOf(TimeoutError);
  });

  it("the caller's abort stays an abort, not a timeout, and is not retried", async () => {
    const server = await start(() => {});
    const api = client(server.url);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 50);
    await expect(api.GET("/things", { signal: controller.signal })).rejects.toThrow("caller gave up");
    expect(server.requests).toHaveLength(1);
  });

  it("answers read like any Response: once, cloneable, as a stream, as bytes", async () => {
    const server = await start((_req, res) => sendJson(res, 200, { n: [1, 2, 3] }));
    const api = client(server.url);
    const { response } = await api.GET("/things", { parseAs: "stream" });
    expect(response.bodyUsed).toBe(false);
    const copy = response.clone();
    expect(await new Response(response.body).json()).toEqual({ n: [1, 2, 3] });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
    expect(new TextDecoder().decode(await copy.arrayBuffer())).toBe('{"n":[1,2,3]}');
    await expect(copy.json()).rejects.toBeInstanceOf(TypeError);

    const again = await api.GET("/things", { parseAs: "text" });
    expect(again.data).toBe('{"n":[1,2,3]}');
    expect(again.response.bodyUsed).toBe(true);
    const blob = (await api.GET("/things", { parseAs: "blob" })).data as Blob;
    expect(blob.type).toBe("application/json");
    expect(await blob.text()).toBe('{"n":[1,2,3]}');
  });

  it("a 200 whose body is not JSON is an ApiError naming the call, with no secret", async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end("<html>login</html>");
    });
    const api = client(server.url);
    const failure = await api.GET("/things").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe("invalid_json");
    expect(String((failure as Error).message)).toContain("GET");
    expect(JSON.stringify(failure)).not.toContain("key-fast-path");
  });
});
