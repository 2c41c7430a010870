import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { checker, tail, type ConsumerContext, type ConsumerReport } from "./consumer.js";
import { checkProductionTree, checkSingleCopy, type NpmLsNode } from "./dependency-checks.js";
import { run, type RunResult } from "./run.js";

/** A fresh npm project outside the repository, installed from the local registry. */
export interface FreshProject {
  report: ConsumerReport;
  npm(args: string[]): Promise<RunResult>;
  /** Runs a check; what it returns (or throws) is a failure, nothing means it held. */
  check(what: string, body: () => Promise<string[]>): Promise<void>;
}

/** Writes `files` and the manifest, installs, and checks `pkg`'s production tree (`runtime` are our packages it may bring). */
export async function freshProject(
  dir: string,
  pkg: string,
  manifest: object,
  files: Readonly<Record<string, string>>,
  context: ConsumerContext,
  runtime: readonly string[] = [],
): Promise<FreshProject | ConsumerReport> {
  const report: ConsumerReport = { dir, installBytes: 0, dependencyCount: 0, passed: [], failures: [] };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const npm = (args: string[]) => run("npm", [...args, "--registry", context.registry.url, "--userconfig", context.registry.npmrc], { cwd: dir, timeoutMs: 600_000 });
  const installed = await npm(["install", "--no-audit", "--no-fund"]);
  if (installed.code !== 0) return { ...report, failures: [`npm install failed:\n${tail(installed.stderr)}`] };
  report.passed.push("npm install");
  const check = checker(report);
  await check("dependencies", async () => {
    const production = JSON.parse((await npm(["ls", "--all", "--json", "--long", "--omit=dev"])).stdout) as NpmLsNode;
    const devOnly = new Set([...context.devOnly].filter((name) => !runtime.includes(name)));
    const { dependencies, problems } = checkProductionTree(production, pkg, devOnly);
    report.dependencyCount = dependencies.length;
    const whole = JSON.parse((await npm(["ls", "@secfetch/auth", "--all", "--json", "--long"])).stdout) as NpmLsNode;
    return [...problems, ...checkSingleCopy(whole, "@secfetch/auth", context.published.get("@secfetch/auth")!)];
  });
  return { report, npm, check };
}
