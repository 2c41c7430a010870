#!/usr/bin/env node
// Versions and publishes the packages with pending changesets.
//   npm run release              changeset version → lock file → build → changeset publish
//   npm run release -- --dry-run changeset status → build → npm publish --dry-run per package
// The dry run needs no registry credentials.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const dryRun = process.argv.includes("--dry-run");
const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env: { ...process.env, NX_NO_CLOUD: "true" } });

const publishable = readdirSync("packages")
  .map((dir) => ({ dir: `packages/${dir}`, pkg: JSON.parse(readFileSync(`packages/${dir}/package.json`, "utf8")) }))
  .filter(({ pkg }) => !pkg.private);

if (dryRun) {
  run("npx", ["changeset", "status", "--verbose"]);
  run("npx", ["nx", "run-many", "-t", "build"]);
  for (const { dir } of publishable) run("npm", ["publish", "--dry-run", "--workspace", dir]);
} else {
  run("npx", ["changeset", "version"]);
  run("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund"]);
  run("npx", ["nx", "run-many", "-t", "build"]);
  run("npx", ["changeset", "publish"]);
}
