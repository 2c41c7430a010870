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
  /** `npx nx run @secfetch/generator:drift` answered from nx's cache. */
  nxCachedMs: number;
}

/** How long a maintainer waits for the generator: a full run, and a check nx already has the answer to. */
export async function generation({ root }: { root: string }): Promise<GenerationResult> {
  const time = async (command: string, args: string[]) => {
    const started = performance.now();
    await run(command, args, { cwd: root, env: { ...process.env, NX_DAEMON: "false" }, maxBuffer: 16 * 1024 * 1024 });
    return performance.now() - started;
  };
  await rm(path.join(root, "node_modules", ".cache", "secfetch-generator"), { recursive: true, force: true });
  const coldMs = await time("npm", ["run", "generate", "--silent"]);
  const rerunMs = await time("npm", ["run", "generate", "--silent"]);
  await time("npx", ["nx", "run", "@secfetch/generator:drift"]);
  const nxCachedMs = await time("npx", ["nx", "run", "@secfetch/generator:drift"]);
  return { coldMs, rerunMs, nxCachedMs };
}
