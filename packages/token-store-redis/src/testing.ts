import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/**
 * `@secfetch/token-store-redis/testing`: a throwaway Redis server for your own tests of a worker
 * fleet, as this package's tests use it. Needs `redis-server` on the PATH (Debian/Ubuntu:
 * `apt-get install redis-server`; macOS: `brew install redis`).
 */

/** Whether this machine has `redis-server`. */
export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** A running `redis-server`. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`: the store's `url`. */
  url: string;
  port: number;
  /** Stops the server (SIGKILL: as abrupt as a crash or a cut network). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Stops the process without closing its connections (SIGSTOP): a hung server. */
  freeze(): void;
  thaw(): void;
}

/** Starts a throwaway `redis-server` on a free loopback port: no persistence, no config file, nothing written to disk. Stop it when done. */
export async function startRedisServer(): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await serve(port);
    } catch (error) {
      // Another process took the port between the probe and the bind: try another.
      if (attempt >= 5) throw error;
    }
  }
}

async function serve(port: number): Promise<RedisServer> {
  let child: ChildProcess | undefined = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
    async start() {
      child ??= await launch(port);
    },
    freeze: () => child?.kill("SIGSTOP"),
    thaw: () => child?.kill("SIGCONT"),
  };
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.resume();
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code} before it was ready: ${output.slice(-400)}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
