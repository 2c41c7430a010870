import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { extractBlocks, type DocBlock } from "./extract.js";

const RUN_TIMEOUT_MS = 60_000;

// What a user's strict project would have: every check a careful team turns on.
export const STRICT = {
  target: "ES2022",
  lib: ["ES2023", "DOM"],
  types: ["node"],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: true,
  isolatedModules: true,
};
const RESOLUTIONS = {
  nodenext: { module: "NodeNext", moduleResolution: "NodeNext" },
  bundler: { module: "ESNext", moduleResolution: "Bundler" },
} as const;

export interface Failure {
  block: DocBlock;
  what: string;
}

export interface DocsCheckOptions {
  /** Where the Markdown files are. */
  root: string;
  /** Markdown files, relative to `root`. */
  files: readonly string[];
  /**
   * A scratch directory the blocks are written to, then checked and run there: it must sit where
   * the packages the blocks import resolve from (inside the repository).
   */
  work: string;
  /** How long one block may run. Default 60 s. */
  runTimeoutMs?: number;
}

/** Every Markdown file whose TypeScript blocks users copy: the root's, each package's, the specs'. */
export async function markdownFiles(repo: string): Promise<string[]> {
  const files = ["README.md", "CONTRIBUTING.md", "SECURITY.md", "specs/README.md"];
  for (const dir of await readdir(path.join(repo, "packages"))) files.push(`packages/${dir}/README.md`);
  return files.filter((file) => existsSync(path.join(repo, file)));
}

// vitest finds test blocks by their `.test.ts` name.
export const blockFile = (block: DocBlock) => `${block.file.replace(/[^A-Za-z0-9]+/g, "-")}-L${block.line}${block.kind === "test" ? ".test" : ""}.ts`;
const RUN_CONCURRENCY = 2;

async function writeBlocks(blocks: DocBlock[], work: string): Promise<void> {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  // ES modules, as the README's own imports assume; `export {}` keeps each block's names to itself.
  await writeFile(path.join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
  for (const block of blocks) {
    const preamble = block.preamble ? `${block.preamble}\n` : "";
    await writeFile(path.join(work, blockFile(block)), `${preamble}${block.code}\nexport {};\n`);
  }
  for (const [name, resolution] of Object.entries(RESOLUTIONS)) {
    await writeFile(path.join(work, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { ...STRICT, ...resolution }, include: ["*.ts"] }, null, 2));
  }
}

/** Type errors of every block under one resolution, mapped back to the Markdown line. */
async function typeCheck(blocks: DocBlock[], resolution: string, work: string): Promise<Failure[]> {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const output = await promisify(execFile)(process.execPath, [tsc, "-p", path.join(work, `tsconfig.${resolution}.json`), "--pretty", "false"], { cwd: work, maxBuffer: 16 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: Error & { stdout?: string }) => error.stdout ?? error.message,
  );
  const byFile = new Map(blocks.map((block) => [blockFile(block), block]));
  const failures: Failure[] = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?\.ts)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(line.trim());
    if (!match) continue;
    const block = byFile.get(path.basename(match[1]!));
    if (!block) continue;
    const codeLine = Number(match[2]) - (block.preamble ? block.preamble.split("\n").length : 0);
    const where = codeLine >= 1 ? `line ${block.line + codeLine - 1}` : `the directive's preamble, line ${Number(match[2])}`;
    failures.push({ block, what: `${resolution}: ${where}: ${match[4]}` });
  }
  if (failures.length === 0 && /error TS/.test(output)) failures.push({ block: blocks[0]!, what: `${resolution}: ${output.slice(0, 2000)}` });
  return failures;
}

/**
 * Runs one block as a user would run the copied file — a script with tsx, a test file with
 * vitest; it must end by itself, successfully.
 */
async function run(block: DocBlock, work: string, timeoutMs: number): Promise<Failure | undefined> {
  const resolve = createRequire(import.meta.url).resolve;
  const args =
    block.kind === "test"
      ? [path.join(path.dirname(resolve("vitest/package.json")), "vitest.mjs"), "run", "--root", work, blockFile(block)]
      : ["--import", resolve("tsx"), blockFile(block)];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: work, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 });
    return undefined;
  } catch (error) {
    const { killed, stdout, stderr, code } = error as { killed?: boolean; stdout?: string; stderr?: string; code?: number };
    const why = killed ? `did not finish within ${timeoutMs / 1000} s (a server or timer left open?)` : `exited with ${code}`;
    return { block, what: `run: ${why}\n${`${stdout ?? ""}\n${stderr ?? ""}`.trim().split("\n").slice(-12).join("\n")}` };
  }
}

/**
 * Extracts the TypeScript blocks of `files`, type-checks all of them under both resolutions and
 * runs every block that is not a fragment; returns what failed (nothing when the docs hold).
 */
export async function checkDocs(options: DocsCheckOptions): Promise<{ blocks: DocBlock[]; failures: Failure[] }> {
  const { root, work } = options;
  const blocks: DocBlock[] = [];
  for (const file of options.files) blocks.push(...extractBlocks(file, await readFile(path.join(root, file), "utf8")));
  const failures: Failure[] = [];
  if (blocks.length === 0) return { blocks, failures };
  await writeBlocks(blocks, work);
  for (const resolution of Object.keys(RESOLUTIONS)) failures.push(...(await typeCheck(blocks, resolution, work)));
  const queue = blocks.filter((block) => block.kind !== "fragment");
  const worker = async () => {
    for (let block = queue.shift(); block; block = queue.shift()) {
      const failure = await run(block, work, options.runTimeoutMs ?? RUN_TIMEOUT_MS);
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: RUN_CONCURRENCY }, worker));
  return { blocks, failures };
}
