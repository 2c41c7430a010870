import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Manifest } from "./tarball-checks.js";
import { runOk } from "./run.js";

export interface PackedPackage {
  name: string;
  version: string;
  dir: string;
  tarball: string;
  tarballBytes: number;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
  /** The package.json as packed, which is what users get. */
  manifest: Manifest;
}

// CI may set provenance for the real release; a local registry cannot take an attestation.
const NPM_ENV = { npm_config_provenance: "false", NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_SKIP_NX_CACHE: "true" };

/** `changeset version` then the build, in the scratch copy, as `npm run release` does. */
export async function versionAndBuild(scratch: string, log: (line: string) => void): Promise<void> {
  log("changeset version (scratch copy)…");
  await runOk("npx", ["changeset", "version"], { cwd: scratch, env: NPM_ENV });
  log("nx run-many -t build (scratch copy)…");
  await runOk("npx", ["nx", "run-many", "-t", "build", "--output-style=static"], { cwd: scratch, env: NPM_ENV, timeoutMs: 900_000 });
}

/** Packs every package under packages/ that is not private, into `out`. */
export async function packAll(scratch: string, out: string): Promise<PackedPackage[]> {
  await mkdir(out, { recursive: true });
  const packed: PackedPackage[] = [];
  for (const name of (await readdir(path.join(scratch, "packages"))).sort()) {
    const dir = path.join(scratch, "packages", name);
    if (!existsSync(path.join(dir, "package.json"))) continue;
    const source = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as Manifest;
    if (source.private) continue;
    const { stdout } = await runOk("npm", ["pack", "--json", "--pack-destination", out], { cwd: dir, env: NPM_ENV });
    const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    if (!info) throw new Error(`npm pack printed no result for ${dir}`);
    const tarball = path.join(out, info.filename);
    const manifestText = (await runOk("tar", ["-xzOf", tarball, "package/package.json"], { cwd: out })).stdout;
    const manifest = JSON.parse(manifestText) as Manifest;
    packed.push({ name: manifest.name, version: manifest.version, dir, tarball, tarballBytes: (await stat(tarball)).size, files: info.files.map((file) => file.path), manifest });
  }
  return packed;
}

/** Publishes each tarball to the local registry, from outside the workspace so npm reads no workspace config. */
export async function publishAll(packages: readonly PackedPackage[], registry: { url: string; npmrc: string }, cwd: string): Promise<void> {
  for (const pkg of packages) {
    await runOk("npm", ["publish", pkg.tarball, "--registry", registry.url, "--userconfig", registry.npmrc, "--access", "public", "--tag", "latest"], { cwd, env: NPM_ENV });
  }
}
