import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface GenerationResult {
  /** `npm run generate`, every spec, from a fresh process. */
  coldMs: number;
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
  const coldMs = await time("npm", ["run", "generate", "--silent"]);
  await time("npx", ["nx", "run", "@secfetch/generator:drift"]);
  const nxCachedMs = await time("npx", ["nx", "run", "@secfetch/generator:drift"]);
  return { coldMs, nxCachedMs };
}
