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
