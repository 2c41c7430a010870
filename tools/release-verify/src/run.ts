import { execFile } from "node:child_process";

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A failed command: the message carries the command and the end of its output, which is where tools say why. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
    why: string,
  ) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-25).join("\n");
    super(`${command} ${why}\n${tail}`);
    this.name = "CommandError";
  }
}

/**
 * Runs a command without a shell (no quoting surprises), capturing its output. Resolves with the
 * exit code whatever it is, so callers that expect a failure (the wrong import) can check for one.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 300_000, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const result = { code: 0, stdout, stderr };
        if (!error) return resolve(result);
        const { code, killed } = error as { code?: number | string; killed?: boolean };
        if (killed) return reject(new CommandError(describe(command, args), { ...result, code: -1 }, `did not finish within ${(options.timeoutMs ?? 300_000) / 1000} s`));
        // Not an exit code: the command could not start (ENOENT), which no caller expects.
        if (typeof code !== "number") return reject(new Error(`${describe(command, args)} could not run: ${error.message}`, { cause: error }));
        resolve({ ...result, code });
      },
    );
  });
}

/** Runs a command that must succeed. */
export async function runOk(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new CommandError(describe(command, args), result, `exited with ${result.code}`);
  return result;
}

const describe = (command: string, args: readonly string[]) => [command.split("/").pop(), ...args].join(" ");
