import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach } from "vitest";

export interface TestServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Requests received so far (method, path, headers, body), oldest first. */
  readonly requests: ReadonlyArray<{ method: string; path: string; headers: IncomingMessage["headers"]; body: string }>;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Stops listening and destroys every open socket, so nothing hangs. */
  close(): Promise<void>;
}

export type TestHandler = (
  req: IncomingMessage & { bodyText: string },
  res: ServerResponse,
) => void | Promise<void>;

/** A bare `node:http` server on 127.0.0.1, port 0, that reads each body whole before calling `handler`. */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const requests: Array<{ method: string; path: string; headers: IncomingMessage["headers"]; body: string }> = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const bodyText = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: bodyText });
      Promise.resolve()
        .then(() => handler(Object.assign(req, { bodyText }), res))
        .catch(() => res.destroy());
    });
  });
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** A `startTestServer` for one test file: every server it starts is closed after each test. */
export function testServersClosedAfterEach(): (handler: TestHandler) => Promise<TestServer> {
  const open: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startTestServer(handler);
    open.push(server);
    return server;
  };
}

/** A port on 127.0.0.1 where nothing listens (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
