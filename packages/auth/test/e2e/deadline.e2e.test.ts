import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, TimeoutError, type CommonClientOptions } from "../../src/building-blocks.js";
import { apiKeyDefinition } from "../support/api-key-definition.js";

// An attempt's deadline is kept by a timer until the client sees a server stall before its
// headers, and by an abort signal after that (see timeoutPolicy). Either way a stalled attempt
// fails at its deadline; these tests watch, from the server's side of real sockets, which
// connections the client closes and when.

const definition = apiKeyDefinition("@secfetch/test-deadline");

type Paths = { "/things": { get: { responses: { 200: { content: { "application/json": unknown } } } } } };

const TIMEOUT_MS = 300;
const client = (url: string, options: Record<string, unknown> = {}) =>
  createApiClient<Paths, {}>(definition, { baseUrl: url, apiKey: "key-deadline", timeoutMs: TIMEOUT_MS, maxRetries: 0, ...options } as CommonClientOptions);

interface WatchedServer {
  url: string;
  /** For each request, in arrival order: when its connection closed (ms after the request came), once it has. */
  closedAfterMs: Array<number | undefined>;
}

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function watchedServer(handler: (req: IncomingMessage, res: ServerResponse, index: number) => void): Promise<WatchedServer> {
  const sockets = new Set<Socket>();
  const closedAfterMs: Array<number | undefined> = [];
  const server = createServer((req, res) => {
    const index = closedAfterMs.push(undefined) - 1;
    const arrived = performance.now();
    req.socket.once("close", () => (closedAfterMs[index] = performance.now() - arrived));
    handler(req, res, index);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closedAfterMs };
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const stop = performance.now() + ms;
  while (!condition() && performance.now() < stop) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("attempt deadlines (real sockets)", () => {
  it("a body that stalls after its headers: TimeoutError at the deadline, and the client closes the connection", async () => {
    const server = await watchedServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"items":[');
    });
    const started = performance.now();
    const error = await client(server.url).GET("/things").catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: TIMEOUT_MS });
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    await until(() => server.closedAfterMs[0] !== undefined);
    // Closed by the client at its deadline (slack for a loaded machine), not by the server.
    expect(server.closedAfterMs[0]).toBeLessThan(TIMEOUT_MS + 3_000);
  });

  it("a body that drips a byte at a time past the deadline: TimeoutError, the connection closed", async () => {
    const server = await watchedServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(" ")), 20);
      res.on("close", () => clearInterval(drip));
    });
    await expect(client(server.url).GET("/things")).rejects.toBeInstanceOf(TimeoutError);
    await until(() => server.closedAfterMs[0] !== undefined);
    expect(server.closedAfterMs[0]).toBeLessThan(TIMEOUT_MS + 3_000);
  });

  it("headers that never come: TimeoutError at the deadline; from then on the client's attempts carry a signal that closes the connection", async () => {
    const server = await watchedServer(() => {});
    const api = client(server.url);
    const first = performance.now();
    await expect(api.GET("/things")).rejects.toBeInstanceOf(TimeoutError);
    const firstMs = performance.now() - first;
    expect(firstMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(firstMs).toBeLessThan(TIMEOUT_MS + 3_000);
    // The second attempt is aborted at its deadline: its connection closes then.
    await expect(api.GET("/things")).rejects.toBeInstanceOf(TimeoutError);
    await until(() => server.closedAfterMs[1] !== undefined);
    expect(server.closedAfterMs[1]).toBeLessThan(TIMEOUT_MS + 3_000);
  });

  it("an answer that comes after its deadline is discarded, and the client goes on", async () => {
    const server = await watchedServer((_req, res, index) => {
      const answer = () => {
        const body = JSON.stringify({ index });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
      };
      if (index === 0) setTimeout(answer, TIMEOUT_MS + 150);
      else answer();
    });
    const api = client(server.url);
    await expect(api.GET("/things")).rejects.toBeInstanceOf(TimeoutError);
    // Past the late answer's arrival: nothing of it surfaces (no unhandled rejection, no event).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await api.GET("/things")).data).toEqual({ index: 1 });
  });

  it("a caller's signal is honoured with the deadline beside it: the caller's abort stays an abort", async () => {
    const server = await watchedServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 50);
    await expect(client(server.url).GET("/things", { signal: controller.signal })).rejects.toThrow("caller gave up");
    await until(() => server.closedAfterMs[0] !== undefined);
    expect(server.closedAfterMs[0]).toBeLessThan(3_000);
  });
});
