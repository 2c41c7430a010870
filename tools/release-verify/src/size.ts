import { readdir, lstat } from "node:fs/promises";
import path from "node:path";

/**
 * Bytes of the files of one installed package, without the node_modules nested in it (those are
 * packages of their own, counted once each where the tree lists them).
 */
export async function packageBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") total += await packageBytes(full);
    } else if (entry.isFile()) {
      total += (await lstat(full)).size;
    }
  }
  return total;
}
