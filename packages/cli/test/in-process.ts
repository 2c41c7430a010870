import { PassThrough } from "node:stream";
import { main } from "../src/main.js";

/** Runs the CLI's `main` in this process (no terminal, no stdin), for tests that make many calls. */
export async function runInProcess(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  let out = "";
  let err = "";
  stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const code = await main(args, {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env,
    stopped: new Promise<void>(() => {}),
  });
  return { code, stdout: out, stderr: err };
}
