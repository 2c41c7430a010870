import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "./chromium.js";
import { startMatrixEmulators, type Vendor } from "./emulators.js";
import { ensureRuntimes, here, matrixRuntimes, type Runtime, type SmokeResults } from "./runtimes.js";

// Sign-in flows that fetch a token: each fresh runtime's clients must fetch exactly one.
const TOKEN_VENDORS: readonly Vendor[] = ["paloAlto", "sophos", "forti", "insights", "ennov"];
const README = path.resolve(here, "../../../README.md");
const BEGIN = "<!-- runtime-matrix:begin (written by npm run matrix -- --write-readme) -->";
const END = "<!-- runtime-matrix:end -->";

interface Row {
  runtime: Runtime;
  version: string;
  failures: string[];
  ms: number;
}

/** What a run must show: every client works, one token per flow, and CA support as the runtime allows. */
export function judge(runtime: Runtime, results: SmokeResults): string[] {
  const failures: string[] = [];
  for (const [vendor, result] of Object.entries(results) as [Vendor, SmokeResults[Vendor]][]) {
    if (!result.ok) failures.push(`${vendor}: ${result.detail}`);
    else if (TOKEN_VENDORS.includes(vendor) && result.tokens !== 1 && !(vendor === "forti" && !runtime.takesCa) && !(vendor === "ennov" && !runtime.sendsCookies)) {
      failures.push(`${vendor}: ${result.tokens} token requests where concurrent first calls should share 1`);
    }
  }
  const ca = results.forti?.detail ?? "";
  if (runtime.takesCa && !ca.startsWith("custom CA trusted")) failures.push(`custom CA: expected it trusted, got: ${ca}`);
  if (!runtime.takesCa && !ca.startsWith("custom CA refused")) failures.push(`custom CA: expected a ConfigurationError, got: ${ca}`);
  const session = results.ennov?.detail ?? "";
  if (!runtime.sendsCookies && !session.startsWith("session cookie refused")) failures.push(`Ennov session: expected a ConfigurationError about Cookie, got: ${session}`);
  return failures;
}

function table(rows: Row[]): string {
  const lines = ["| runtime | version | loads the packages by | vendor clients | custom CA (`ca`) |", "| --- | --- | --- | --- | --- |"];
  for (const row of rows) {
    const clients = row.failures.length
      ? "**fails**"
      : row.runtime.sendsCookies
        ? "all six: sign-in, one token, paging"
        : "five; Ennov InSight refused (its session needs a `Cookie` header, which browsers forbid)";
    const ca = row.runtime.takesCa ? "yes" : "no — `ConfigurationError` at the factory";
    lines.push(`| ${row.runtime.name} | ${row.runtime.unpinned ?? row.version} | ${row.runtime.loading} | ${clients} | ${ca} |`);
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const writeReadme = process.argv.includes("--write-readme");
  const log = (line: string) => console.log(line);
  await ensureRuntimes(log);
  const emulators = await startMatrixEmulators({ cors: true });
  const rows: Row[] = [];
  try {
    for (const runtime of matrixRuntimes([chromium])) {
      const started = Date.now();
      let version = "?";
      let failures: string[];
      try {
        version = await runtime.version();
        failures = judge(runtime, await runtime.run(emulators.config));
      } catch (error) {
        failures = [(error as Error).message];
      }
      const row = { runtime, version, failures, ms: Date.now() - started };
      rows.push(row);
      log(`${failures.length ? "FAIL" : "ok  "} ${runtime.name} ${version} (${runtime.loading}) ${row.ms} ms${failures.map((failure) => `\n     ${failure}`).join("")}`);
    }
  } finally {
    await emulators.close();
  }
  const text = table(rows);
  console.log(`\n${text}\n`);

  const readme = await readFile(README, "utf8");
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} section for the runtime table.`);
  const updated = `${readme.slice(0, start + BEGIN.length)}\n${text}\n${readme.slice(end)}`;
  let stale = false;
  if (updated !== readme) {
    if (writeReadme) await writeFile(README, updated);
    else stale = true;
  }
  const failed = rows.filter((row) => row.failures.length);
  if (failed.length) {
    console.error(`The runtime matrix failed on ${failed.map((row) => `${row.runtime.name} (${row.runtime.loading})`).join(", ")}.`);
    process.exitCode = 1;
  } else if (stale) {
    console.error("README.md's runtime table differs from this run: run `npm run matrix -- --write-readme` and commit it.");
    process.exitCode = 1;
  }
}

await main();
