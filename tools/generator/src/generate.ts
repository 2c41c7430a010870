import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CLI_TABLES_FILE, renderCliTables, type LoadedVendor } from "./emit/emit-cli-tables.js";
import { emitEmulatorDocument, emulatorDocumentPath } from "./emit/emit-emulator-document.js";
import { emitPackage, MANIFEST } from "./emit/emit-package.js";
import type { ExistingPackage, ProjectInfo } from "./emit/emit-package-json.js";
import { generationCache, generatorFingerprint, sha256 } from "./generation-cache.js";
import { buildIR } from "./ir/build-ir.js";
import { readSpec, specPath } from "./load/read-spec.js";
import { validateSpec } from "./load/validate-spec.js";
import { DECLARATION_TYPES, syncDeclaration } from "./declaration/sync-declaration.js";

export interface GenerateOptions {
  /** Repository root: holds specs/ and packages/. */
  root: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Only these vendors (folder names); default every folder under specs/ with an openapi.yaml. */
  vendors?: string[];
}

export interface GenerateResult {
  vendors: string[];
  /** Files written (or, with `check`, files that differ from what the spec gives), relative to the root. */
  changed: string[];
  /** Files removed (or, with `check`, generated files the spec no longer gives). */
  stale: string[];
}

/** Generates (or checks) every vendor package from its spec. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { root, check = false } = options;
  const vendors = options.vendors ?? (await listVendors(root));
  // First: the validator below reads the schema this derives from the engine's types. A root
  // without the engine's sources (a copy holding one vendor) has nothing to derive.
  const declarationChanges = existsSync(path.join(root, DECLARATION_TYPES)) ? await syncDeclaration({ root, check }) : [];
  const internalVersions = await readInternalVersions(root);
  const project = await readProjectInfo(root);
  const generatorVersion = (JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  const result: GenerateResult = { vendors, changed: [...declarationChanges], stale: [] };
  const cache = generationCache(root);
  const openapiTypescript = await readFile(path.join(root, "node_modules", "openapi-typescript", "package.json"), "utf8").catch(() => "");
  const fingerprint = await generatorFingerprint(path.dirname(fileURLToPath(import.meta.url)), JSON.stringify([generatorVersion, internalVersions, project, sha256(openapiTypescript)]));

  const withEmulators = existsSync(path.join(root, "packages", "emulators", "package.json"));
  const specTexts: string[] = [];
  const loaded = new Map<string, LoadedVendor>();

  for (const vendor of vendors) {
    const dir = path.join(root, "packages", vendor);
    const hasExtras = existsSync(path.join(dir, "src", "extras", "index.ts"));
    const extendsClient = existsSync(path.join(dir, "src", "extras", "client.ts"));
    const hasEmulator = withEmulators && existsSync(path.join(root, "packages", "emulators", "src", vendor));
    const extrasReadme = await readFile(path.join(dir, "src", "extras", "README.md"), "utf8").catch(() => undefined);
    const specText = await readFile(specPath(root, vendor), "utf8");
    specTexts.push(specText);
    const packageText = await readFile(path.join(dir, "package.json"), "utf8").catch(() => "");
    // Everything the output depends on: same inputs and untouched files mean nothing to do.
    const inputs = sha256([fingerprint, specText, packageText, hasExtras, extendsClient, extrasReadme ?? "", withEmulators, hasEmulator].join("\0"));
    if (await cache.unchanged(vendor, inputs)) continue;

    const spec = await readSpec(root, vendor, specText);
    validateSpec(spec);
    const ir = buildIR(spec);
    loaded.set(vendor, { spec, ir });
    const existing = parseJson<ExistingPackage>(packageText);
    const files = await emitPackage(ir, spec, { existing, hasExtras, extendsClient, hasEmulator, extrasReadme, internalVersions, project, generatorVersion });
    const targets = [...files].map(([relative, content]) => [path.join(dir, relative), content] as const);
    if (withEmulators) targets.push([path.join(root, emulatorDocumentPath(vendor)), emitEmulatorDocument(ir, spec.document)]);
    let differs = await writeTargets(root, targets, check, result);
    const previous = (await readJson<{ files?: string[] }>(path.join(dir, MANIFEST)))?.files ?? [];
    for (const relative of previous.filter((file) => !files.has(file))) {
      const target = path.join(dir, relative);
      if (!existsSync(target)) continue;
      differs = true;
      result.stale.push(path.relative(root, target));
      if (!check) await rm(target);
    }
    // A check that found differences leaves the files as they are: not a state to remember.
    if (!check || !differs) await cache.remember(vendor, inputs, targets);
  }
  // The CLI's tables hold every vendor: made on a run over all of them, when the CLI is there.
  if (!options.vendors && existsSync(path.join(root, "packages", "cli", "package.json"))) {
    const inputs = sha256([fingerprint, ...specTexts].join("\0"));
    if (!(await cache.unchanged("cli", inputs))) {
      const targets = [[path.join(root, CLI_TABLES_FILE), await renderCliTables(root, loaded)] as const];
      const differs = await writeTargets(root, targets, check, result);
      if (!check || !differs) await cache.remember("cli", inputs, targets);
    }
  }
  return result;
}

/** Writes (or, with `check`, compares) each generated file, noting in `result` those that differ; whether any did. */
async function writeTargets(root: string, targets: ReadonlyArray<readonly [string, string]>, check: boolean, result: GenerateResult): Promise<boolean> {
  let differs = false;
  for (const [target, content] of targets) {
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current === content) continue;
    differs = true;
    result.changed.push(path.relative(root, target));
    if (!check) {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
  return differs;
}

async function listVendors(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, "specs"), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(specPath(root, entry.name)))
    .map((entry) => entry.name)
    .sort();
}

/** Current versions of the hand-written packages, for the ranges a new vendor package starts with. */
async function readInternalVersions(root: string): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const name of ["auth", "emulators"]) {
    const pkg = await readJson<{ name: string; version: string }>(path.join(root, "packages", name, "package.json"));
    if (pkg) versions[pkg.name] = pkg.version;
  }
  return versions;
}

/** The repository, engines and license every published package carries, from the root's own files. */
async function readProjectInfo(root: string): Promise<ProjectInfo> {
  const pkg = await readJson<{ engines?: { node?: string }; repository?: { url?: string }; homepage?: string; bugs?: { url?: string } }>(path.join(root, "package.json"));
  const licenseText = await readFile(path.join(root, "LICENSE"), "utf8").catch(() => undefined);
  const { engines, repository, homepage, bugs } = pkg ?? {};
  if (!engines?.node || !repository?.url || !homepage || !bugs?.url || licenseText === undefined) {
    throw new Error("The root package.json needs engines.node, repository.url, homepage and bugs.url, and the root a LICENSE file: every generated package carries them.");
  }
  return { engines: { node: engines.node }, repositoryUrl: repository.url, homepage, bugsUrl: bugs.url, licenseText };
}

async function readJson<T>(file: string): Promise<T | undefined> {
  return parseJson<T>(await readFile(file, "utf8").catch(() => ""));
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
