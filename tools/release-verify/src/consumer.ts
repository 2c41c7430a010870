import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { checkProductionTree, checkSingleCopy, type NpmLsNode } from "./dependency-checks.js";
import { cjsProgram, esmProgram, parseResult, RESOLUTIONS, tsconfig, WRONG_PATH, wrongProgram, type Resolution } from "./programs.js";
import { run } from "./run.js";
import { packageBytes } from "./size.js";
import type { Vendor } from "./vendors.js";

export interface ConsumerContext {
  registry: { url: string; npmrc: string };
  /** name → version of everything this run published. */
  published: ReadonlyMap<string, string>;
  /** Dev tools the consumer adds next to the vendor package, pinned like the workspace's. */
  devTools: Readonly<Record<string, string>>;
  /** What must never reach a user's runtime tree (see checkProductionTree). */
  devOnly: ReadonlySet<string>;
}

export interface ConsumerReport {
  dir: string;
  installBytes: number;
  dependencyCount: number;
  /** One line per check that held, for the log. */
  passed: string[];
  failures: string[];
}

/**
 * A fresh project outside the repository that installs the vendor package alone (plus the
 * emulators and the tools a user would have: typescript, tsx, @types/node) from the local registry
 * with npm, then checks what a user would meet: the dependency tree, the types under node16 and
 * bundler resolution, a wrong import refused, the program run with import and with require().
 */
export async function checkNpmConsumer(vendor: Vendor, dir: string, context: ConsumerContext): Promise<ConsumerReport> {
  const version = context.published.get(vendor.package)!;
  await writeConsumer(vendor, dir, version, context);
  const npm = (args: string[]) => run("npm", [...args, "--registry", context.registry.url, "--userconfig", context.registry.npmrc], { cwd: dir, timeoutMs: 600_000 });
  const installed = await npm(["install", "--no-audit", "--no-fund"]);
  if (installed.code !== 0) return { dir, installBytes: 0, dependencyCount: 0, passed: [], failures: [`npm install failed:\n${tail(installed.stderr)}`] };
  const report: ConsumerReport = { dir, installBytes: 0, dependencyCount: 0, passed: ["npm install"], failures: [] };
  const check = checker(report);

  await check("dependencies", async () => {
    // npm ls exits 1 when it finds a problem; the JSON says which, so the code is not enough.
    const production = JSON.parse((await npm(["ls", "--all", "--json", "--long", "--omit=dev"])).stdout) as NpmLsNode;
    const { dependencies, problems } = checkProductionTree(production, vendor.package, context.devOnly);
    report.dependencyCount = dependencies.length;
    const own = path.join(dir, "node_modules", vendor.package);
    let bytes = await packageBytes(own);
    for (const dependency of dependencies) bytes += await packageBytes(dependency.path);
    report.installBytes = bytes;
    const whole = JSON.parse((await npm(["ls", "@secfetch/auth", "--all", "--json", "--long"])).stdout) as NpmLsNode;
    return [...problems, ...checkSingleCopy(whole, "@secfetch/auth", context.published.get("@secfetch/auth")!)];
  });
  for (const resolution of Object.keys(RESOLUTIONS) as Resolution[]) {
    await check(`types (${resolution})`, async () => {
      const result = await run(process.execPath, [tsc(dir), "-p", `tsconfig.${resolution}.json`, "--pretty", "false"], { cwd: dir });
      return result.code === 0 ? [] : [tail(result.stdout)];
    });
    await check(`wrong import refused (${resolution})`, async () => {
      const result = await run(process.execPath, [tsc(dir), "-p", `tsconfig.wrong-${resolution}.json`, "--pretty", "false"], { cwd: dir });
      // It must fail, and for the right reason: the path, not some other error.
      if (result.code !== 0 && /error TS2307/.test(result.stdout) && result.stdout.includes(WRONG_PATH(vendor))) return [];
      return [`importing ${WRONG_PATH(vendor)} ${result.code === 0 ? "compiled" : `failed otherwise: ${tail(result.stdout)}`}`];
    });
  }
  await check("run (import, tsx)", () => runProgram(dir, [path.join(dir, "node_modules/tsx/dist/cli.mjs"), "main.ts"], !vendor.staticToken));
  await check("run (require)", () => runProgram(dir, ["check.cjs"], false));
  return report;
}

/** A check that records itself in `report`: the problems it returns (or the error it throws) are failures, none means it held. */
export function checker(report: ConsumerReport): (what: string, body: () => Promise<string[]>) => Promise<void> {
  return async (what, body) => {
    try {
      const problems = await body();
      if (problems.length === 0) report.passed.push(what);
      else report.failures.push(...problems.map((problem) => `${what}: ${problem}`));
    } catch (error) {
      report.failures.push(`${what}: ${(error as Error).message}`);
    }
  };
}

/** Runs the program against the emulator; it must print its result and, for sign-in flows, have fetched a token. */
export async function runProgram(dir: string, args: string[], expectToken: boolean, command = process.execPath): Promise<string[]> {
  const result = await run(command, args, { cwd: dir, timeoutMs: 120_000 });
  if (result.code !== 0) return [`exited with ${result.code}: ${tail(`${result.stdout}\n${result.stderr}`)}`];
  const parsed = parseResult(result.stdout);
  if (!parsed) return [`printed no result: ${tail(result.stdout)}`];
  if (expectToken && !(parsed.tokens && parsed.tokens > 0)) return [`no token was issued (${parsed.detail})`];
  return [];
}

async function writeConsumer(vendor: Vendor, dir: string, version: string, context: ConsumerContext): Promise<void> {
  await mkdir(dir, { recursive: true });
  const manifest = {
    name: "secfetch-consumer",
    private: true,
    type: "module",
    dependencies: { [vendor.package]: version },
    devDependencies: { "@secfetch/emulators": context.published.get("@secfetch/emulators")!, ...context.devTools },
  };
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify(manifest, null, 2)}\n`,
    "main.ts": esmProgram(vendor),
    "check.cjs": cjsProgram(vendor),
    "wrong.ts": wrongProgram(vendor),
  };
  for (const resolution of Object.keys(RESOLUTIONS) as Resolution[]) {
    files[`tsconfig.${resolution}.json`] = tsconfig(resolution, ["main.ts"]);
    files[`tsconfig.wrong-${resolution}.json`] = tsconfig(resolution, ["wrong.ts"]);
  }
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
}

const tsc = (dir: string) => path.join(dir, "node_modules/typescript/bin/tsc");
export const tail = (text: string, lines = 15) => text.trim().split("\n").slice(-lines).join("\n");
