/** The parts of a package.json the checks read. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  module?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  imports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const RUNTIME_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"] as const;

// Specifiers that only mean something inside the monorepo, or that let any version in.
const LOCAL_ONLY = /^(workspace:|file:|link:|portal:|\*$|$)/;

/**
 * What is wrong with a packed manifest, as sentences: dependency specifiers that resolve only in
 * the monorepo, `@secfetch/*` ranges that miss the version this release publishes, and entry
 * points (main, types, bin, exports, imports) that name a file the tarball does not contain.
 */
export function checkTarball(manifest: Manifest, files: readonly string[], published: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const field of RUNTIME_FIELDS) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (LOCAL_ONLY.test(spec.trim())) problems.push(`${field}.${name} is "${spec}", which resolves only inside the monorepo or to any version`);
      const version = published.get(name);
      if (version && field === "dependencies" && !rangeAdmits(spec, version)) problems.push(`${field}.${name} is "${spec}" but this release publishes ${name}@${version}`);
    }
  }
  const have = new Set(files.map((file) => file.replace(/^\.\//, "")));
  for (const [where, target] of entryPoints(manifest)) {
    if (target.includes("*")) continue; // a pattern export; its files are checked by the consumers' imports
    if (!have.has(target.replace(/^\.\//, ""))) problems.push(`${where} points at ${target}, which is not in the tarball`);
  }
  return problems;
}

/** `^1.2.3`, `~1.2.3` and `1.2.3` admit 1.2.3: the forms changesets writes. */
export function rangeAdmits(range: string, version: string): boolean {
  return range === version || range === `^${version}` || range === `~${version}`;
}

/** Every file path the manifest points at, with where it says so (`exports["."].default`). */
export function entryPoints(manifest: Manifest): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const field of ["main", "types", "module"] as const) {
    const value = manifest[field];
    if (value) found.push([field, value]);
  }
  if (typeof manifest.bin === "string") found.push(["bin", manifest.bin]);
  else for (const [name, file] of Object.entries(manifest.bin ?? {})) found.push([`bin.${name}`, file]);
  walk("exports", manifest.exports, found);
  walk("imports", manifest.imports, found);
  return found;
}

function walk(where: string, value: unknown, found: Array<[string, string]>): void {
  // Only relative targets are files of this package; `imports` may also name another package.
  if (typeof value === "string") {
    if (value.startsWith("./")) found.push([where, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walk(`${where}[${index}]`, item, found));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) walk(`${where}[${JSON.stringify(key)}]`, item, found);
  }
}
