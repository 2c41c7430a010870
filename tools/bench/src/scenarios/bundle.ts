import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

export interface BundleSize {
  name: string;
  /** Minified, then gzipped, in bytes. */
  minGzipBytes: number;
  /** The same, less openapi-fetch's own. */
  overOpenapiFetchBytes: number;
  /** Imports left out of the bundle because no browser has them (Node built-ins, undici). */
  leftOut: string[];
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

/** Each vendor client bundled for the browser by esbuild (minified, gzip), and openapi-fetch alone. */
export async function bundleSizes(): Promise<BundleResult> {
  const openapiFetch = await bundle('export { default } from "openapi-fetch";');
  const vendors: BundleSize[] = [];
  for (const [name, factory] of Object.entries(VENDOR_FACTORIES)) {
    const result = await bundle(`export { ${factory} } from "${name}";`);
    vendors.push({ name, minGzipBytes: result.bytes, overOpenapiFetchBytes: result.bytes - openapiFetch.bytes, leftOut: result.leftOut });
  }
  return { openapiFetchBytes: openapiFetch.bytes, vendors };
}

async function bundle(entry: string): Promise<{ bytes: number; leftOut: string[] }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    external: ["node:*", "undici"],
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { bytes: gzipSync(code, { level: 9 }).byteLength, leftOut: externals(result.metafile) };
}

function externals(metafile: Metafile): string[] {
  const left = new Set<string>();
  for (const input of Object.values(metafile.inputs)) for (const item of input.imports) if (item.external) left.add(item.path);
  return [...left].sort();
}
