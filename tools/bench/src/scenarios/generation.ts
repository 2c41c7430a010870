import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface GenerationResult {
  /** `npm run generate`, every spec, from a fresh process with no generation cache. */
  coldMs: number;
  /** The same again with nothing changed: the generator's cache says there is nothing to do. */
  rerunMs: number;
  /** `nx run @secfetch/generator:drift` answered from nx's cache, with nx's daemon (its default outside CI). */
  nxCachedMs: number;
  /** The same with the daemon off, as under CI: nx works out the project graph in the process. */
  nxCachedNoDaemonMs: number;
}

/** How long a maintainer waits for the generator: a full run, and a check nx already has the answer to. */
export async function generation({ root }: { root: string }): Promise<GenerationResult> {
  const time = async (command: string, args: string[], daemon = false) => {
    const started = performance.now();
    await run(command, args, { cwd: root, env: { ...process.env, NX_DAEMON: String(daemon) }, maxBuffer: 16 * 1024 * 1024 });
    return performance.now() - started;
  };
  await rm(path.join(root, "node_modules", ".cache", "secfetch-generator"), { recursive: true, force: true });
  const coldMs = await time("npm", ["run", "generate", "--silent"]);
  const rerunMs = await time("npm", ["run", "generate", "--silent"]);
  // The nx a maintainer runs (`npx nx` and npm scripts resolve to this bin); npx's own lookup is not nx's time.
  const nx = path.join(root, "node_modules", ".bin", "nx");
  const drift = ["run", "@secfetch/generator:drift"];
  await time(nx, drift);
  const nxCachedNoDaemonMs = await time(nx, drift);
  // The first run with the daemon starts it (and fills its graph); the second is the one a maintainer waits for.
  let nxCachedMs: number;
  try {
    await time(nx, drift, true);
    nxCachedMs = await time(nx, drift, true);
  } finally {
    // Left as found: the daemon this run started is stopped.
    await time(nx, ["daemon", "--stop"], true);
  }
  return { coldMs, rerunMs, nxCachedMs, nxCachedNoDaemonMs };
}
