import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { VendorConfig, Vendor } from "./emulators.js";

export type SmokeResults = Record<Vendor, { ok: boolean; detail: string; tokens?: number }>;

export interface Runtime {
  /** As the table shows it: "Node 22", "Bun", … */
  name: string;
  /** Where the table's version comes from when the matrix does not pin it (the machine's Node, Debian's Chromium). */
  unpinned?: string;
  /** How the vendor packages are loaded: `import`, `require()`, or a bundle. */
  loading: string;
  /** Whether the runtime's fetch can be told to trust the FortiAuthenticator emulator's own CA. */
  takesCa: boolean;
  /** Whether a script may send a `Cookie` header (browsers forbid it; Ennov InSight's session needs it). */
  sendsCookies: boolean;
  version(): Promise<string>;
  run(config: Record<Vendor, VendorConfig>): Promise<SmokeResults>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "..");
const runtimesDir = path.join(projectRoot, "runtimes");
const bin = (relative: string) => path.join(runtimesDir, "node_modules", relative);
const SMOKE_TIMEOUT_MS = 90_000;

/**
 * Installs the pinned runtimes (tools/runtime-matrix/runtimes) from their own lock file when
 * they are missing or the lock file changed. Each ships its binary in a registry package.
 */
export async function ensureRuntimes(log: (line: string) => void): Promise<void> {
  const lock = await readFile(path.join(runtimesDir, "package-lock.json"), "utf8");
  const marker = path.join(runtimesDir, "node_modules", ".secfetch-lock-sha256");
  const wanted = createHash("sha256").update(lock).digest("hex");
  if ((await readFile(marker, "utf8").catch(() => "")) === wanted) return;
  log("Installing the runtimes of the matrix (npm ci in tools/runtime-matrix/runtimes)…");
  await promisify(execFile)("npm", ["ci", "--no-audit", "--no-fund"], { cwd: runtimesDir, maxBuffer: 64 * 1024 * 1024 });
  for (const file of ["node22/bin/node", "node24/bin/node", ".bin/bun", ".bin/deno", ".bin/workerd"]) {
    if (!existsSync(bin(file))) throw new Error(`The runtime install left no ${file}: the matrix cannot run it. Check the npm ci output above.`);
  }
  await writeFile(marker, wanted);
}

/** Runs a command with the emulators' config in its environment and reads the line the runner prints. */
async function runSmokeProcess(command: string, args: string[], config: Record<Vendor, VendorConfig>): Promise<SmokeResults> {
  const { stdout } = await promisify(execFile)(command, args, {
    cwd: projectRoot,
    env: { ...process.env, SECFETCH_MATRIX_CONFIG: JSON.stringify(config) },
    timeout: SMOKE_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseSmokeOutput(stdout);
}

function parseSmokeOutput(stdout: string): SmokeResults {
  const line = stdout.split("\n").find((text) => text.startsWith("SMOKE-RESULT "));
  if (!line) throw new Error(`the runner printed no result:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice("SMOKE-RESULT ".length)) as SmokeResults;
}

async function versionOf(command: string, args: string[], pattern: RegExp): Promise<string> {
  const { stdout } = await promisify(execFile)(command, args);
  return pattern.exec(stdout)?.[1] ?? stdout.trim();
}

function processRuntime(name: string, command: () => string, options: { cjs?: boolean; args?: string[]; versionPattern?: RegExp; unpinned?: string } = {}): Runtime[] {
  const version = () => versionOf(command(), ["--version"], options.versionPattern ?? /v?(\S+)/);
  const make = (loading: string, runner: string): Runtime => ({
    name,
    ...(options.unpinned ? { unpinned: options.unpinned } : {}),
    loading,
    takesCa: true,
    sendsCookies: true,
    version,
    run: (config) => runSmokeProcess(command(), [...(options.args ?? []), path.join("src", runner)], config),
  });
  return [make("import", "run-esm.mjs"), ...(options.cjs === false ? [] : [make("require()", "run-cjs.cjs")])];
}

/** A free loopback port, for workerd's socket. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function bundleFor(entry: string, conditions: string[], outfile: string): Promise<void> {
  const { build } = await import("esbuild");
  // No externals: a Node built-in reached from a client fails the bundle, as it would the user's.
  await build({ entryPoints: [path.join(here, entry)], bundle: true, format: "esm", platform: "browser", conditions, target: "es2022", outfile, logLevel: "error" });
}

const workerdConfig = (port: number) => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    # The emulators listen on loopback: outbound fetches may reach local addresses.
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const smokeWorker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`;

/** workerd: the smoke Worker bundled with workerd's conditions, served on loopback, called once. */
const workerd: Runtime = {
  name: "workerd",
  loading: "esbuild bundle (workerd, worker, browser)",
  takesCa: false,
  sendsCookies: true,
  version: () => versionOf(bin(".bin/workerd"), ["--version"], /workerd (\S+)/),
  async run(config) {
    const dir = await mkdtemp(path.join(tmpdir(), "secfetch-workerd-"));
    const port = await freePort();
    let child: ReturnType<typeof spawn> | undefined;
    try {
      await bundleFor("worker.mjs", ["workerd", "worker", "browser"], path.join(dir, "worker.js"));
      await writeFile(path.join(dir, "config.capnp"), workerdConfig(port));
      child = spawn(bin(".bin/workerd"), ["serve", path.join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout?.on("data", (chunk) => (output += chunk));
      child.stderr?.on("data", (chunk) => (output += chunk));
      const url = `http://127.0.0.1:${port}/`;
      const deadline = Date.now() + 20_000;
      for (;;) {
        try {
          const response = await fetch(url, { method: "POST", body: JSON.stringify(config), signal: AbortSignal.timeout(SMOKE_TIMEOUT_MS) });
          if (!response.ok) throw new Error(`workerd answered HTTP ${response.status}: ${await response.text()}`);
          return (await response.json()) as SmokeResults;
        } catch (error) {
          const refused = (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
          if (!refused || Date.now() > deadline) throw new Error(`workerd: ${(error as Error).message}\n${output.slice(-2000)}`, { cause: error });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      child?.kill();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** Every runtime of the matrix, in table order. */
export function matrixRuntimes(extra: Runtime[] = []): Runtime[] {
  return [
    ...processRuntime("Node 20", () => process.execPath, { unpinned: "the machine's" }),
    ...processRuntime("Node 22", () => bin("node22/bin/node")),
    ...processRuntime("Node 24", () => bin("node24/bin/node")),
    ...processRuntime("Bun", () => bin(".bin/bun")),
    // Deno resolves the packages from node_modules by the nearest package.json; it needs only these permissions.
    ...processRuntime("Deno", () => bin(".bin/deno"), { cjs: false, args: ["run", "--allow-net", "--allow-env", "--allow-read"], versionPattern: /deno (\S+)/ }),
    workerd,
    ...extra,
  ];
}

export { bundleFor, freePort, here };
