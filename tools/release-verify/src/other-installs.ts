import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checkDocs } from "../../docs-check/src/check.js";
import { runProgram, tail, type ConsumerContext } from "./consumer.js";
import { esmProgram } from "./programs.js";
import { run } from "./run.js";
import { toolchain } from "./toolchain.js";
import { VENDORS, type Vendor } from "./vendors.js";

/**
 * pnpm and Yarn install these vendors: where a strict layout is likeliest to break, since the
 * engine reaches undici (FortiAuthenticator's CA) and csv-parse (Forcepoint's CSV pages) through
 * optional peers that only the vendor package provides.
 */
export const PACKAGE_MANAGER_VENDORS = ["@secfetch/fortiauthenticator", "@secfetch/forcepoint-one"];

export interface Outcome {
  name: string;
  problems: string[];
}

type Build = (options: Record<string, unknown>) => Promise<{ errors: unknown[]; outputFiles?: { contents: Uint8Array }[] }>;

/**
 * The install paths besides npm that users have, run after the npm consumers (whose projects they
 * reuse for the bundle and the README examples): an esbuild browser bundle of every client entry,
 * the README's TypeScript blocks against the installed package, and pnpm and Yarn installs.
 */
export async function checkOtherInstalls(work: string, context: ConsumerContext, log: (line: string) => void, only?: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const vendors = VENDORS.filter((vendor) => !only || vendor.package.endsWith(`/${only}`));
  const { build } = (await import(pathToFileURL(toolchain.esbuild).href)) as { build: Build };
  for (const vendor of vendors) {
    const dir = path.join(work, "consumers", vendor.package.split("/")[1]!);
    if (!existsSync(path.join(dir, "node_modules", vendor.package))) continue; // npm install failed; already reported
    log(`${vendor.package}: browser bundle, README examples`);
    outcomes.push({ name: vendor.package, problems: [...(await browserBundle(build, vendor, dir)), ...(await readmeExamples(vendor, dir))] });
  }
  for (const pmVendor of vendors.filter((vendor) => PACKAGE_MANAGER_VENDORS.includes(vendor.package))) {
    for (const manager of ["pnpm", "yarn"] as const) {
      log(`${pmVendor.package}: fresh ${manager} project`);
      const dir = path.join(work, "consumers", `${manager}-${pmVendor.package.split("/")[1]!}`);
      outcomes.push({ name: pmVendor.package, problems: await packageManagerInstall(manager, pmVendor, dir, context) });
    }
  }
  return outcomes;
}

/** Bundles the client entry for the browser with nothing external: a Node built-in reached on import fails here as in a user's build. */
async function browserBundle(build: Build, vendor: Vendor, dir: string): Promise<string[]> {
  try {
    await build({
      stdin: { contents: `export { ${vendor.factory} } from "${vendor.package}";`, resolveDir: dir, loader: "js" },
      absWorkingDir: dir,
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      logLevel: "silent",
    });
    return [];
  } catch (error) {
    return [`esbuild browser bundle: ${tail((error as Error).message)}`];
  }
}

/** The package README's TypeScript blocks, type-checked and run against the installed tarball (tools/docs-check). */
async function readmeExamples(vendor: Vendor, dir: string): Promise<string[]> {
  const root = path.join(dir, "node_modules", vendor.package);
  if (!existsSync(path.join(root, "README.md"))) return ["README.md is not in the tarball"];
  const { blocks, failures } = await checkDocs({ root, files: ["README.md"], work: path.join(dir, "readme-blocks"), runTimeoutMs: 60_000 });
  if (blocks.length === 0) return [];
  return failures.map((failure) => `README.md line ${failure.block.line}: ${failure.what}`);
}

/** pnpm (isolated, symlinked node_modules) or Yarn (Plug'n'Play, its default): install, then run the program. */
async function packageManagerInstall(manager: "pnpm" | "yarn", vendor: Vendor, dir: string, context: ConsumerContext): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const manifest = { name: `secfetch-${manager}-consumer`, private: true, type: "module", dependencies: { [vendor.package]: context.published.get(vendor.package)!, "@secfetch/emulators": context.published.get("@secfetch/emulators")! } };
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(path.join(dir, "run.mjs"), esmProgram(vendor));
  const host = new URL(context.registry.url).hostname;
  let install: string[];
  let runArgs: string[];
  // CI=true makes both refuse to write a lock file; a fresh project has none to be frozen to.
  // Each keeps registry metadata in the user's home, tarball URLs with a previous run's port
  // included: state of their own, in the project, makes every run fresh.
  const env = { YARN_ENABLE_IMMUTABLE_INSTALLS: "false", YARN_ENABLE_TELEMETRY: "false", YARN_ENABLE_GLOBAL_CACHE: "false", YARN_GLOBAL_FOLDER: path.join(dir, ".yarn-global") };
  if (manager === "pnpm") {
    const state = (name: string) => path.join(dir, `.pnpm-${name}`);
    await writeFile(path.join(dir, ".npmrc"), `registry=${context.registry.url}\nstore-dir=${state("store")}\ncache-dir=${state("cache")}\nminimum-release-age=0\n`);
    install = [toolchain.pnpm, "install", "--no-frozen-lockfile", "--reporter=append-only"];
    runArgs = ["run.mjs"];
  } else {
    // Yarn's age gate (on by default) would hold back a release published minutes ago; pnpm's is off, set above to say so.
    await writeFile(path.join(dir, ".yarnrc.yml"), `npmRegistryServer: "${context.registry.url}"\nunsafeHttpWhitelist: ["${host}"]\nenableTelemetry: false\nnpmMinimalAgeGate: 0\n`);
    // An empty lock file makes this folder a project of its own, whatever Yarn finds above it.
    await writeFile(path.join(dir, "yarn.lock"), "");
    install = [toolchain.yarn, "install"];
    runArgs = [toolchain.yarn, "node", "run.mjs"];
  }
  const installed = await run(process.execPath, install, { cwd: dir, env, timeoutMs: 600_000 });
  if (installed.code !== 0) {
    const output = `${installed.stdout}\n${installed.stderr}`;
    // Both print progress and stack frames; the line naming the error goes first.
    const why = output.split("\n").find((line) => /YN0001|ERR_PNPM|ERROR/.test(line))?.trim() ?? "";
    return [`${manager} install failed: ${why}\n${tail(output)}`];
  }
  return (await runProgram(dir, runArgs, !vendor.staticToken)).map((problem) => `${manager}: ${problem}`);
}
