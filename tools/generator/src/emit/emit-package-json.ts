import type { VendorIR } from "../ir/vendor-ir.js";

/** What every package of the project shares, read from the root package.json and LICENSE. */
export interface ProjectInfo {
  engines: { node: string };
  repositoryUrl: string;
  homepage: string;
  bugsUrl: string;
  licenseText: string;
}

export interface ExistingPackage {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * `package.json`. The generator owns it all except what changesets owns: the version and the
 * ranges of our own packages, which are carried over from the file on disk.
 */
export function emitPackageJson(ir: VendorIR, existing: ExistingPackage | undefined, internalVersions: Record<string, string>, project: ProjectInfo): string {
  const keep = (section: "dependencies" | "devDependencies", name: string) =>
    existing?.[section]?.[name] ?? `^${internalVersions[name] ?? "0.1.0"}`;
  const pkg = {
    name: ir.packageName,
    version: existing?.version ?? "0.1.0",
    description: `Typed client for the ${ir.title}, generated from its OpenAPI spec, with its sign-in built in.`,
    keywords: ["secfetch", "openapi", "security", ir.vendor],
    type: "module",
    license: "MIT",
    repository: { type: "git", url: project.repositoryUrl, directory: `packages/${ir.vendor}` },
    homepage: `${project.homepage.replace(/#.*$/, "")}/tree/main/packages/${ir.vendor}#readme`,
    bugs: { url: project.bugsUrl },
    engines: project.engines,
    // `default` (not `import`) so that require() works too: Node 20.19+ and 22.12+ load ES modules
    // with it, and bundlers take it whatever their own condition names. `@secfetch/source` is only
    // seen by tools started with that condition (the repository's own); elsewhere it is inert.
    main: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": { "@secfetch/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./package.json": "./package.json",
    },
    ...(Object.keys(ir.imports).length ? { imports: ir.imports } : {}),
    files: ["dist", "src", "README.md", "CHANGELOG.md", "LICENSE"],
    sideEffects: false,
    scripts: {
      build: "tsc -p tsconfig.build.json",
      typecheck: "tsc -p tsconfig.json --noEmit",
      eslint: "eslint .",
      test: "vitest run",
      publint: "publint --strict && attw --pack . --profile esm-only",
    },
    // Sorted, as npm writes them, so an `npm install -w` never shows up as drift.
    dependencies: sortKeys({
      "@secfetch/auth": keep("dependencies", "@secfetch/auth"),
      "openapi-fetch": "0.17.0",
      ...ir.dependencies,
    }),
    devDependencies: {
      "@secfetch/emulators": keep("devDependencies", "@secfetch/emulators"),
    },
    publishConfig: { access: "public" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
