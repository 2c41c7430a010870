import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkDocs } from "../src/check.js";

// The scratch directory must sit inside the repository so that blocks resolve @secfetch/* as the READMEs' do.
const here = path.dirname(fileURLToPath(import.meta.url));
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(here, "..", ".scratch-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it("fails a block that does not compile under the strict settings, one that throws and one that never ends; passes the rest", async () => {
  const markdown = [
    "```ts",
    'import { createForcepointOneClient } from "@secfetch/forcepoint-one";',
    "const client = createForcepointOneClient({ token: \"t\", baseUrl: undefined });",
    "console.log(typeof client.GET);",
    "```",
    "<!-- docs: fragment -->",
    "```ts",
    "const list: string[] = [];",
    "const first: string = list[0]; // noUncheckedIndexedAccess",
    "```",
    "```ts",
    'throw new Error("boom");',
    "```",
    "```ts",
    "setInterval(() => {}, 1000); // a server left open",
    "```",
  ].join("\n");
  await writeFile(path.join(root, "README.md"), markdown);
  const { blocks, failures } = await checkDocs({ root, files: ["README.md"], work: path.join(root, "blocks"), runTimeoutMs: 5_000 });
  expect(blocks).toHaveLength(4);
  const byLine = (line: number) => failures.filter((failure) => failure.block.line === line).map((failure) => failure.what);
  expect(byLine(2)).toEqual([]);
  expect(byLine(8)).toEqual([expect.stringMatching(/^nodenext: line 9: error TS2322/), expect.stringMatching(/^bundler: line 9: error TS2322/)]);
  expect(byLine(12)).toEqual([expect.stringMatching(/^run: exited with 1[\s\S]*boom/)]);
  expect(byLine(15)).toEqual([expect.stringMatching(/^run: did not finish within 5 s/)]);
}, 120_000);
