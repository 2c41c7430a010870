import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SOPHOS_CENTRAL_DEMO_CREDENTIALS as DEMO, startSophosCentralEmulator, type SophosCentralEmulator, type SophosCentralEmulatorOptions } from "@secfetch/emulators";
import { createSophosCentralClient, type SophosCentralClientOptions } from "../src/index.js";

type Kind = keyof typeof DEMO;

/** Emulators started by a test file, closed by `closeAll()` in its `afterEach`. */
const running: Array<{ close(): Promise<void> }> = [];

export async function startEmulator(options: SophosCentralEmulatorOptions = {}): Promise<SophosCentralEmulator> {
  const emulator = await startSophosCentralEmulator(options);
  running.push(emulator);
  return emulator;
}

export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

/** A client for one of the emulator's three credentials. */
export function clientFor(emulator: SophosCentralEmulator, kind: Kind, extra: Partial<SophosCentralClientOptions> = {}) {
  return createSophosCentralClient({ ...emulator.credentials[kind], idUrl: emulator.idUrl, baseUrl: emulator.url, ...extra });
}

/** A host that must never be called: it records whatever reaches it. */
export interface Honeypot {
  readonly url: string;
  readonly hits: ReadonlyArray<{ path: string; authorization: string | undefined }>;
  close(): Promise<void>;
}

export async function startHoneypot(): Promise<Honeypot> {
  const hits: Array<{ path: string; authorization: string | undefined }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    hits.push({ path: req.url ?? "/", authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" }).end('{"items":[],"pages":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const handle: Honeypot = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  running.push(handle);
  return handle;
}

/**
 * A fetch that records every URL the client asks for and lets `rewrite` change a JSON answer:
 * a stand-in for a tampered or compromised response on the way.
 */
export function spyFetch(rewrite?: (path: string, body: unknown) => unknown) {
  const urls: string[] = [];
  const fetchSpy: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    urls.push(url.href);
    const response = await globalThis.fetch(input, init);
    if (!rewrite || !response.ok || !response.headers.get("content-type")?.includes("json")) return response;
    const body = rewrite(url.pathname, await response.json());
    return new Response(JSON.stringify(body), { status: response.status, headers: { "content-type": "application/json" } });
  };
  return { fetch: fetchSpy, urls };
}

/** Every item of an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
