import type { Jq } from "jq-wasm";
import { UsageError } from "../exit-codes.js";

let loaded: Promise<Jq> | undefined;

/** jq 1.8 itself (compiled to WebAssembly, inside the jq-wasm package), loaded on the first `--jq`. */
async function load(): Promise<Jq> {
  loaded ??= import("jq-wasm").then((module) => module.loadJq());
  return loaded;
}

/**
 * Checks a jq program once, before any request: a syntax error is a usage error (exit 2), not a
 * failure halfway through a walk.
 */
export async function compileJq(expression: string): Promise<(input: unknown) => unknown[]> {
  const jq = await load();
  const probe = jq.raw(null, expression, ["-c"]);
  if (probe.exitCode === 3) throw new UsageError(`--jq: ${firstLine(probe.stderr)}`);
  return (input) => {
    const result = jq.raw(input as object, expression, ["-c"]);
    if (result.exitCode !== 0 && result.exitCode !== 1 && result.stderr) throw new UsageError(`--jq: ${firstLine(result.stderr)}`);
    if (result.exitCode !== 0 && result.stderr) throw new UsageError(`--jq: ${firstLine(result.stderr)}`);
    return result.stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as unknown);
  };
}

const firstLine = (text: string) => text.split("\n").find((line) => line.trim() !== "")?.replace(/^jq: error(: )?/, "") ?? "jq failed";
