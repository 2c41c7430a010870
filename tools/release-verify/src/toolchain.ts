import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runOk } from "./run.js";

export const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(toolRoot, "../..");
const toolchainDir = path.join(toolRoot, "toolchain");
const modules = path.join(toolchainDir, "node_modules");

/** Entry scripts of the pinned tools, each run with the machine's node. */
export const toolchain = {
  verdaccio: path.join(modules, "verdaccio/bin/verdaccio"),
  pnpm: path.join(modules, "pnpm/bin/pnpm.cjs"),
  yarn: path.join(modules, "@yarnpkg/cli-dist/bin/yarn.js"),
  esbuild: path.join(modules, "esbuild/lib/main.js"),
} as const;

/**
 * Installs Verdaccio, pnpm, Yarn and esbuild from toolchain/package-lock.json when missing or when
 * the lock file changed (a sha256 marker, as tools/runtime-matrix/runtimes does), so the root
 * `npm ci` does not carry a registry server and two package managers for every contributor.
 */
export async function ensureToolchain(log: (line: string) => void): Promise<void> {
  const lock = await readFile(path.join(toolchainDir, "package-lock.json"), "utf8");
  const marker = path.join(modules, ".secfetch-lock-sha256");
  const wanted = createHash("sha256").update(lock).digest("hex");
  if ((await readFile(marker, "utf8").catch(() => "")) === wanted) return;
  log("Installing the release toolchain (npm ci in tools/release-verify/toolchain)…");
  await runOk("npm", ["ci", "--no-audit", "--no-fund"], { cwd: toolchainDir, timeoutMs: 600_000 });
  for (const [name, file] of Object.entries(toolchain)) {
    if (!existsSync(file)) throw new Error(`The toolchain install left no ${name} at ${file}: check toolchain/package.json.`);
  }
  await writeFile(marker, wanted);
}
