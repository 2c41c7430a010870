// npm run release:verify: a release proven end to end on a local registry. See CONTRIBUTING.md.
//   -- --keep          keep the temp directory (scratch copy, registry storage, consumer projects)
//   -- --only=<name>   check one vendor package (e.g. --only=sophos-central)
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkNpmConsumer, type ConsumerContext } from "./consumer.js";
import { checkOtherInstalls } from "./other-installs.js";
import { packAll, publishAll, versionAndBuild, type PackedPackage } from "./publish.js";
import { startRegistry, type Registry } from "./registry.js";
import { makeScratchCopy } from "./scratch.js";
import { formatTable, type Row } from "./table.js";
import { checkTarball } from "./tarball-checks.js";
import { ensureToolchain, repoRoot } from "./toolchain.js";
import { checkCliConsumer, CLI } from "./cli-consumer.js";
import { checkTokenStoreConsumer, TOKEN_STORE } from "./token-store-consumer.js";
import { VENDORS } from "./vendors.js";

const started = Date.now();
const log = (line: string) => console.log(`[release:verify ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const keep = process.argv.includes("--keep");
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);

async function main(): Promise<number> {
  await ensureToolchain(log);
  // Outside the repository: a consumer inside it would resolve the workspace's node_modules.
  const work = await mkdtemp(path.join(tmpdir(), "secfetch-release-"));
  let registry: Registry | undefined;
  const stop = () => void registry?.close().finally(() => process.exit(130));
  process.once("SIGINT", stop).once("SIGTERM", stop);
  try {
    log(`work directory ${work}`);
    const scratch = path.join(work, "repo");
    await makeScratchCopy(repoRoot, scratch);
    await versionAndBuild(scratch, log);
    const packed = await packAll(scratch, path.join(work, "tarballs"));
    const published = new Map(packed.map((pkg) => [pkg.name, pkg.version]));
    const rows = new Map<string, Row>(packed.map((pkg) => [pkg.name, { package: pkg.name, version: pkg.version, tarballBytes: pkg.tarballBytes, result: "ok" }]));
    const failures: string[] = [];
    // The table keeps the first line of each failure; the whole message is printed under it.
    const fail = (name: string, problem: string) => {
      const row = rows.get(name)!;
      const short = problem.replace(/\s*\n\s*/g, " ").slice(0, 200);
      row.result = row.result === "ok" ? short : `${row.result}; ${short}`;
      failures.push(`${name}: ${problem}`);
    };
    for (const pkg of packed) for (const problem of checkTarball(pkg.manifest, pkg.files, published)) fail(pkg.name, `tarball: ${problem}`);
    // A note, not a failure: npm no longer packs CHANGELOG.md by itself, and `files` decides.
    const noChangelog = packed.filter((pkg) => existsSync(path.join(pkg.dir, "CHANGELOG.md")) && !pkg.files.includes("CHANGELOG.md"));
    if (noChangelog.length > 0) log(`note: changeset version wrote a CHANGELOG.md that the tarball leaves out (not in "files"): ${noChangelog.map((pkg) => pkg.name).join(", ")}`);

    registry = await startRegistry(path.join(work, "registry"));
    log(`Verdaccio on ${registry.url}; publishing ${packed.length} packages`);
    await publishAll(packed, registry, work);

    const context = await consumerContext(registry, published, packed);
    for (const vendor of VENDORS) {
      if (only && !vendor.package.endsWith(`/${only}`)) continue;
      log(`${vendor.package}: fresh npm project`);
      const report = await checkNpmConsumer(vendor, path.join(work, "consumers", vendor.package.split("/")[1]!), context);
      const row = rows.get(vendor.package)!;
      row.installBytes = report.installBytes;
      row.dependencyCount = report.dependencyCount;
      log(`${vendor.package}: ${report.passed.join(", ")}`);
      for (const failure of report.failures) fail(vendor.package, failure);
    }
    // The packages that are not vendor clients, each in a fresh project of its own.
    const others = [
      { name: TOKEN_STORE, what: "with a vendor and a redis-server", check: checkTokenStoreConsumer },
      { name: CLI, what: "with its command", check: checkCliConsumer },
    ];
    for (const other of others.filter(({ name }) => !only || name.endsWith(`/${only}`))) {
      log(`${other.name}: fresh npm project ${other.what}`);
      const report = await other.check(path.join(work, "consumers", other.name.split("/")[1]!), context);
      Object.assign(rows.get(other.name)!, { dependencyCount: report.dependencyCount });
      log(`${other.name}: ${report.passed.join(", ")}`);
      for (const failure of report.failures) fail(other.name, failure);
    }
    for (const { name, problems } of await checkOtherInstalls(work, context, log, only)) for (const problem of problems) fail(name, problem);

    const table = formatTable([...rows.values()]);
    if (failures.length > 0) console.log(`\n${failures.join("\n\n")}`);
    console.log(`\n${table}\n`);
    const failed = [...rows.values()].filter((row) => row.result !== "ok");
    log(failed.length === 0 ? `every package held (${((Date.now() - started) / 1000).toFixed(0)} s)` : `FAILED: ${failed.map((row) => row.package).join(", ")}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await registry?.close();
    if (keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

/** Versions of the tools a consumer adds, taken from the workspace so they move together. */
async function consumerContext(registry: Registry, published: Map<string, string>, packed: PackedPackage[]): Promise<ConsumerContext> {
  const root = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  const pin = (name: string) => root.devDependencies[name] ?? (() => { throw new Error(`the root package.json has no devDependency ${name}`); })();
  const devOnly = new Set(Object.keys(root.devDependencies));
  // Our own packages that the packages test with (the emulators) are tools for tests, never a runtime need.
  for (const pkg of packed) for (const name of Object.keys(pkg.manifest.devDependencies ?? {})) if (published.has(name)) devOnly.add(name);
  return { registry, published, devOnly, devTools: { typescript: pin("typescript"), tsx: pin("tsx"), "@types/node": pin("@types/node") } };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`release:verify failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
