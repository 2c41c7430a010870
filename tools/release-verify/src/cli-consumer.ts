import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { tail, type ConsumerContext, type ConsumerReport } from "./consumer.js";
import { freshProject } from "./fresh-project.js";
import { run } from "./run.js";

export const CLI = "@secfetch/cli";

/**
 * The CLI installed alone from the registry: its command linked and runnable, and the issue's
 * own proof — `secfetch emulate sophos-central` in one process, a paged walk to JSON lines in
 * another, pointed at it only by the variables it printed.
 */
export async function checkCliConsumer(dir: string, context: ConsumerContext): Promise<ConsumerReport> {
  const version = context.published.get(CLI)!;
  const manifest = { name: "secfetch-cli-consumer", private: true, type: "module", dependencies: { [CLI]: version } };
  // The CLI brings every vendor package and the emulators (for `secfetch emulate`) at run time.
  const project = await freshProject(dir, CLI, manifest, {}, context, [...context.published.keys()]);
  if (!("check" in project)) return project;
  const { report, check } = project;
  const bin = path.join(dir, "node_modules", ".bin", "secfetch");

  await check("command linked", async () => {
    const result = await run(bin, ["--version"], { cwd: dir });
    return result.code === 0 && result.stdout.trim() === version ? [] : [`secfetch --version: exit ${result.code}, ${tail(`${result.stdout}\n${result.stderr}`)}`];
  });
  await check("emulate + paged walk", async () => {
    const envFile = path.join(dir, "emulator.env");
    const emulator = spawn(bin, ["emulate", "sophos-central", "--write-env", envFile], { cwd: dir, stdio: "ignore" });
    try {
      const deadline = Date.now() + 60_000;
      while (!existsSync(envFile)) {
        if (Date.now() > deadline || emulator.exitCode !== null) return [`secfetch emulate wrote no ${path.basename(envFile)}`];
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const env = Object.fromEntries([...readFileSync(envFile, "utf8").matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name!, value!.replace(/^'|'$/g, "")]));
      const walk = await run(bin, ["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate"], { cwd: dir, env: { ...env, SECFETCH_CONFIG: path.join(dir, "no-profile.toml") }, timeoutMs: 120_000 });
      const lines = walk.stdout.split("\n").filter(Boolean);
      if (walk.code !== 0 || lines.length === 0) return [`the walk: exit ${walk.code}, ${lines.length} lines, ${tail(walk.stderr)}`];
      const bad = lines.filter((line) => typeof (JSON.parse(line) as { id?: unknown }).id !== "string");
      return bad.length === 0 ? [] : [`${bad.length} of ${lines.length} lines are not endpoints`];
    } finally {
      emulator.kill("SIGTERM");
    }
  });
  return report;
}
