import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleSize {
  name: string;
  /** The chunk a page loads up front: minified, then gzipped, in bytes. */
  minGzipBytes: number;
  /** The same, less openapi-fetch's own. */
  overOpenapiFetchBytes: number;
  /** Chunks loaded only when a feature needs them (say, a CSV parser), min+gzip bytes in all. */
  lazyBytes: number;
}

export interface BundleResult {
  openapiFetchBytes: number;
  vendors: BundleSize[];
}

// The factory a browser user imports from each vendor package: what tree-shaking keeps is
// what that one import reaches.
export const VENDOR_FACTORIES: Record<string, string> = {
  "@secfetch/paloalto-saas-security": "createPaloAltoSaasSecurityClient",
  "@secfetch/sophos-central": "createSophosCentralClient",
  "@secfetch/fortiauthenticator": "createFortiAuthenticatorClient",
  "@secfetch/forcepoint-one": "createForcepointOneClient",
  "@secfetch/forcepoint-one-insights": "createForcepointOneInsightsClient",
  "@secfetch/ennov-insight": "createEnnovInsightClient",
};

/**
 * Each vendor client bundled for the browser by esbuild (minified, gzip), and openapi-fetch alone.
 * Nothing is marked external: a Node built-in or undici reached from a client fails the build.
 */
export async function bundleSizes(): Promise<BundleResult> {
  const openapiFetch = await bundle('export { default } from "openapi-fetch";');
  const vendors: BundleSize[] = [];
  for (const [name, factory] of Object.entries(VENDOR_FACTORIES)) {
    const result = await bundle(`export { ${factory} } from "${name}";`);
    vendors.push({ name, minGzipBytes: result.entryBytes, overOpenapiFetchBytes: result.entryBytes - openapiFetch.entryBytes, lazyBytes: result.lazyBytes });
  }
  return { openapiFetchBytes: openapiFetch.entryBytes, vendors };
}

async function bundle(entry: string): Promise<{ entryBytes: number; lazyBytes: number }> {
  // Code splitting needs an entry file and an output folder, as a user's bundler would have.
  const dir = await mkdtemp(path.join(tmpdir(), "secfetch-bundle-"));
  try {
    const entryFile = path.join(dir, "entry.js");
    await writeFile(entryFile, entry);
    const result = await build({
      entryPoints: [entryFile],
      nodePaths: [modulesFolder()],
      bundle: true,
      splitting: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outdir: path.join(dir, "out"),
      write: false,
      logLevel: "silent",
    });
    let entryBytes = 0;
    let lazyBytes = 0;
    for (const file of result.outputFiles) {
      const bytes = gzipSync(file.contents, { level: 9 }).byteLength;
      if (path.basename(file.path) === "entry.js") entryBytes += bytes;
      else lazyBytes += bytes;
    }
    return { entryBytes, lazyBytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The node_modules folder the workspace's packages are installed in (the entry lives in a temp folder). */
function modulesFolder(): string {
  const openapiFetch = createRequire(import.meta.url).resolve("openapi-fetch/package.json");
  return path.dirname(path.dirname(openapiFetch));
}
