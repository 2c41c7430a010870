import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { NODE_ARGS } from "./run-cli.js";

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `secfetch args…` in a pseudo-terminal with util-linux `script` (no native module): stdin,
 * stdout and stderr of the CLI are a terminal; what it prints comes back on `output`, what the
 * test writes goes to its keyboard.
 */
export function runInTerminal(args: readonly string[], env: Record<string, string>) {
  const command = [process.execPath, ...NODE_ARGS, ...args].map(quote).join(" ");
  const child: ChildProcessWithoutNullStreams = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], { env: { ...env, TERM: "xterm" }, stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(output)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    get output() {
      return output;
    },
    /** Resolves once the terminal has shown text matching `pattern`. */
    waitFor(pattern: RegExp): Promise<void> {
      if (pattern.test(output)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(() => reject(new Error(`exited before showing ${String(pattern)}:\n${output}`)));
      });
    },
    type(text: string) {
      child.stdin.write(text);
    },
    exited,
  };
}

/** What a terminal shows as lines: control sequences dropped, each line's last redraw kept. */
export const screenLines = (output: string): string[] =>
  output
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, "g"), "")
    .split("\n")
    .map((line) => line.replace(/\r$/, "").split("\r").at(-1)!);
