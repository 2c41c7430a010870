// `npm run generate`: answers "nothing to do" in plain Node when nothing the generator reads or
// writes has changed since its last full run, and only otherwise starts the generator itself
// (TypeScript through tsx: half a second before it reads a file). The set hashed here is a
// superset of the generator's inputs and outputs, so a change anywhere in it means a real run;
// the drift check in `npm test` always runs the real generator.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const stampFile = path.join(root, "node_modules", ".cache", "secfetch-generator", "up-to-date.sha256");
const args = process.argv.slice(2);

/** Every file under `dir` (none of node_modules, dist, test), sorted. */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !["node_modules", "dist", "test", ".cache"].includes(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

function fingerprint() {
  const vendors = readdirSync(path.join(root, "specs")).filter((name) => statSync(path.join(root, "specs", name)).isDirectory());
  const files = [
    ...["package.json", "LICENSE", "node_modules/openapi-typescript/package.json", "packages/auth/src/declaration/types.ts", "packages/auth/tsconfig.json"].map((file) => path.join(root, file)),
    ...walk(path.join(root, "tools", "generator")),
    ...walk(path.join(root, "specs")),
    ...readdirSync(path.join(root, "packages")).map((name) => path.join(root, "packages", name, "package.json")),
    ...vendors.flatMap((vendor) => walk(path.join(root, "packages", vendor))),
    ...vendors.flatMap((vendor) => walk(path.join(root, "packages", "emulators", "src", vendor, "generated"))),
    ...walk(path.join(root, "packages", "cli", "src", "generated")),
  ];
  const hash = createHash("sha256");
  for (const file of files) hash.update(`\0${path.relative(root, file)}\0`).update(existsSync(file) ? readFileSync(file) : "(none)");
  return hash.digest("hex");
}

const plain = args.length === 0;
if (plain && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint()) {
  console.log("Generated code is up to date with the specs (nothing changed since the last run).");
  process.exit(0);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@secfetch/source", path.join(root, "tools", "generator", "src", "cli.ts"), ...args], { stdio: "inherit" });
if (result.status === 0 && plain) {
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, fingerprint());
}
process.exit(result.status ?? 1);
