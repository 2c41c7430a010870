import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSophosCentralEmulator, type SophosCentralEmulator } from "@secfetch/emulators";
import { cleanEnv, envFor, NODE_ARGS, scratch, scratchFile } from "./run-cli.js";

const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../README.md"), "utf8");

/** The README's console session: each `$ command` (but `emulate`, which the test plays) with the lines it shows. */
function session(): Array<{ command: string; shows: string }> {
  const block = /```console\n([\s\S]*?)```/.exec(readme)![1]!;
  const steps: Array<{ command: string; shows: string[] }> = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2).replace(/\s+#.*$/, ""), shows: [] });
    else steps.at(-1)?.shows.push(line);
  }
  return steps.filter((step) => !step.command.startsWith("secfetch emulate")).map((step) => ({ command: step.command, shows: step.shows.join("\n").trim() }));
}

describe("the README's terminal session", () => {
  let emulator: SophosCentralEmulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startSophosCentralEmulator();
    const dir = scratch();
    // `secfetch` on PATH: the real bin from its sources.
    scratchFile(dir, "secfetch", `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${NODE_ARGS.map((arg) => JSON.stringify(arg)).join(" ")} "$@"\n`, 0o755);
    env = cleanEnv(envFor("sophos-central", emulator.clientOptions(), dir), dir);
    env.PATH = `${dir}:${env.PATH}`;
  });
  afterAll(() => emulator?.close());

  for (const step of session()) {
    it(`$ ${step.command}`, async () => {
      const result = await promisify(execFile)("sh", ["-c", `${step.command} 2>&1`], { env }).catch((error: { stdout: string }) => error);
      expect(result.stdout.trim()).toBe(step.shows);
    });
  }
});
