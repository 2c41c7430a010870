import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkDocs, markdownFiles } from "./check.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");

// `docs-check packages/x/README.md …` checks only those files (relative to the repository root).
const only = process.argv.slice(2).map((file) => path.relative(repo, path.resolve(process.cwd(), file)));
const files = (await markdownFiles(repo)).filter((file) => only.length === 0 || only.includes(file));
const { blocks, failures } = await checkDocs({ root: repo, files, work: path.resolve(here, "../.blocks") });
for (const failure of failures) console.error(`✗ ${failure.block.file}:${failure.block.line} ${failure.what}`);
const counts = { fragment: 0, run: 0, test: 0 };
for (const block of blocks) counts[block.kind]++;
console.log(
  `docs check: ${blocks.length} TypeScript blocks in README files, all type-checked (strict, nodenext and bundler); ` +
    `${counts.run} run as scripts and ${counts.test} as tests against the emulators, ${counts.fragment} fragments; ${failures.length} failure(s).`,
);
if (failures.length) process.exitCode = 1;
