import { existsSync } from "node:fs";
import { mkdir, readdir, symlink } from "node:fs/promises";
import path from "node:path";
import { runOk } from "./run.js";

/**
 * A scratch copy of the repository as committed (`git archive HEAD`: what a fresh clone has, and
 * nothing of anyone's uncommitted work), so `changeset version` and the build never touch the
 * real checkout.
 *
 * Its node_modules is a farm of links into the checkout's installed dependencies rather than a
 * second `npm ci` (minutes, 300 MB): every third-party package is linked as is, and
 * `@secfetch/*` points at the scratch copy's own packages, so the build compiles the scratch
 * sources against each other.
 */
export async function makeScratchCopy(repo: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await runOk("sh", ["-c", `git -C "$1" archive --format=tar HEAD | tar -x -C "$2"`, "sh", repo, dir], { cwd: repo });
  const source = path.join(repo, "node_modules");
  const target = path.join(dir, "node_modules");
  await mkdir(target);
  for (const entry of await readdir(source)) {
    // Tool caches (.cache, .vite) would be written through a link into the real checkout.
    if (entry === "@secfetch" || entry === ".cache" || entry === ".vite" || entry === ".package-lock.json") continue;
    await symlink(path.join(source, entry), path.join(target, entry));
  }
  await mkdir(path.join(target, "@secfetch"));
  for (const folder of ["packages", "tools"]) {
    for (const name of await readdir(path.join(dir, folder))) {
      if (!existsSync(path.join(dir, folder, name, "package.json"))) continue;
      await symlink(path.join("..", "..", folder, name), path.join(target, "@secfetch", name));
    }
  }
}
