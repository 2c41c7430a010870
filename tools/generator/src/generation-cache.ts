import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * What the generator wrote last time for a given set of inputs, kept out of the repository
 * (under `node_modules/.cache`): when a vendor's inputs are the same and every file it wrote
 * still has the content it wrote, there is nothing to generate, and openapi-typescript (with
 * TypeScript, most of a cold run) is never loaded. A hand edit to a generated file changes its
 * content, so a drift check still catches it.
 */
export interface GenerationCache {
  /** The files a run with these inputs wrote, if they are all still as written. */
  unchanged(vendor: string, inputs: string): Promise<boolean>;
  remember(vendor: string, inputs: string, files: ReadonlyArray<readonly [string, string]>): Promise<void>;
}

export const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

export function generationCache(root: string): GenerationCache {
  const dir = path.join(root, "node_modules", ".cache", "secfetch-generator");
  const entry = (vendor: string) => path.join(dir, `${vendor}.json`);
  return {
    async unchanged(vendor, inputs) {
      const saved = await readFile(entry(vendor), "utf8").then((text) => JSON.parse(text) as { inputs: string; files: Record<string, string> }, () => undefined);
      if (saved?.inputs !== inputs) return false;
      for (const [file, hash] of Object.entries(saved.files)) {
        const content = await readFile(file).catch(() => undefined);
        if (content === undefined || sha256(content) !== hash) return false;
      }
      return true;
    },
    async remember(vendor, inputs, files) {
      await mkdir(dir, { recursive: true });
      const hashes = Object.fromEntries(files.map(([file, content]) => [file, sha256(content)]));
      await writeFile(entry(vendor), JSON.stringify({ inputs, files: hashes }));
    },
  };
}

/** A digest of the generator's own code and version: any change to it makes every cached run stale. */
export async function generatorFingerprint(sourceDir: string, extra: string): Promise<string> {
  const hash = createHash("sha256").update(extra);
  const walk = async (dir: string): Promise<void> => {
    for (const item of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) await walk(full);
      else hash.update(`\0${path.relative(sourceDir, full)}\0`).update(await readFile(full));
    }
  };
  await walk(sourceDir);
  return hash.digest("hex");
}
