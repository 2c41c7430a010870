/** A node of `npm ls --all --json --long`. */
export interface NpmLsNode {
  name?: string;
  version?: string;
  path?: string;
  missing?: boolean;
  invalid?: string | boolean;
  extraneous?: boolean;
  problems?: string[];
  dependencies?: Record<string, NpmLsNode>;
}

export interface InstalledPackage {
  name: string;
  version: string;
  path: string;
}

/** Every installed package under the root, once per place on disk (npm ls repeats deduped ones). */
export function installedPackages(root: NpmLsNode): InstalledPackage[] {
  const byPath = new Map<string, InstalledPackage>();
  // A deduped occurrence may list fewer children than another, so every occurrence is walked;
  // the chain of paths being walked guards against a cycle.
  const visit = (node: NpmLsNode, chain: ReadonlySet<string>) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      // An optional peer nobody installed (auth's undici and csv-parse) is listed with neither.
      if (child.version === undefined && child.path === undefined) continue;
      const where = child.path ?? `${name}@${child.version ?? "?"}`;
      if (chain.has(where)) continue;
      if (!byPath.has(where)) byPath.set(where, { name, version: child.version ?? "", path: where });
      visit(child, new Set([...chain, where]));
    }
  };
  visit(root, new Set());
  return [...byPath.values()];
}

export interface DependencyReport {
  /** What the vendor package brings, itself excluded: the packages a user's `npm i` adds. */
  dependencies: InstalledPackage[];
  problems: string[];
}

/**
 * Checks the production tree of a consumer that depends on `vendor` alone: npm found nothing
 * missing or invalid, and no development tool came in. `devOnly` names what must never be a
 * runtime dependency: the vendor's own devDependencies (the emulators) and the workspace's
 * tooling (typescript, vitest…). Such a package in this tree means a published manifest lists it
 * under `dependencies`, and every user installs it.
 */
export function checkProductionTree(tree: NpmLsNode, vendor: string, devOnly: ReadonlySet<string>): DependencyReport {
  const problems = (tree.problems ?? []).map((problem) => `npm ls: ${problem}`);
  const installed = installedPackages(tree);
  if (!installed.some((pkg) => pkg.name === vendor)) problems.push(`${vendor} is not installed`);
  const dependencies = installed.filter((pkg) => pkg.name !== vendor);
  for (const pkg of dependencies) {
    if (devOnly.has(pkg.name)) problems.push(`${pkg.name}@${pkg.version} is installed for users of ${vendor} but is a development dependency (at ${pkg.path})`);
  }
  return { dependencies, problems };
}

/**
 * The whole tree (vendor, emulators and tools) must hold exactly one copy of `@secfetch/auth`,
 * at the version this release publishes: two copies would each keep their own token cache and
 * their own error classes, so `instanceof AuthenticationError` would fail across them.
 */
export function checkSingleCopy(tree: NpmLsNode, name: string, version: string): string[] {
  const copies = installedPackages(tree).filter((pkg) => pkg.name === name);
  if (copies.length === 0) return [`${name} is not installed`];
  const problems: string[] = [];
  if (copies.length > 1) problems.push(`${copies.length} copies of ${name}: ${copies.map((copy) => `${copy.version} at ${copy.path}`).join(", ")}`);
  for (const copy of copies) if (copy.version !== version) problems.push(`${name}@${copy.version} installed, this release publishes ${version}`);
  return problems;
}
