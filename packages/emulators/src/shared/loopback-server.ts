import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

/**
 * A certificate and private key (PEM) for serving HTTPS. The emulators never generate
 * certificates themselves; bring your own (for example from a test fixture).
 */
export interface TlsOptions {
  /** Private key, PEM. */
  key: string | Buffer;
  /** Certificate chain, PEM. */
  cert: string | Buffer;
}

/** How to start a {@link LoopbackServer}. */
export interface LoopbackServerOptions {
  /** TCP port on 127.0.0.1. Default `0`: the operating system picks a free port. */
  port?: number;
  /** Serve HTTPS with this key and certificate instead of plain HTTP. Default: plain HTTP. */
  tls?: TlsOptions;
  /** Answer browsers' CORS checks for any origin (see `withCors`). Default: no CORS headers, as most vendor APIs. */
  cors?: boolean;
}

/** A running server bound to 127.0.0.1. */
export interface LoopbackServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:53124`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /**
   * Stops listening and destroys every open connection, keep-alive ones included, so a test
   * run never hangs on an idle socket. Safe to call more than once.
   */
  close(): Promise<void>;
}

/**
 * Starts `handler` on 127.0.0.1. A handler that throws or rejects answers 500 with no detail
 * (the error never reaches the client or the console).
 */
export async function startLoopbackServer(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const listener: RequestListener = (req, res) => {
    if (options.cors && answerCors(req, res)) return;
    Promise.resolve()
      .then(() => handler(req, res))
      .catch(() => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ error: "server_error" }));
        } else {
          res.destroy();
        }
      });
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : createHttpServer(listener);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * CORS for a page on another origin (a browser test of a client): the request's origin is
 * allowed, every response header is readable, and a preflight is answered here with what it
 * asked for, before the emulator sees it (so it is neither routed nor recorded). True when the
 * request was a preflight and has been answered.
 */
function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Expose-Headers", "*");
  const method = req.headers["access-control-request-method"];
  if (req.method !== "OPTIONS" || method === undefined) return false;
  res.writeHead(204, {
    "Access-Control-Allow-Methods": method,
    "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "",
    "Access-Control-Max-Age": "600",
  });
  res.end();
  return true;
}
