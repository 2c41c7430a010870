import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The real bin, run from its TypeScript sources (workspace packages resolve to theirs too). */
export const BIN = path.resolve(here, "../src/bin.ts");
export const NODE_ARGS = ["--conditions=@secfetch/source", "--import", "tsx", BIN];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A scratch folder for one test: its own home and config, so nothing touches the real ones (under the run's folder, see global-setup.ts). */
export function scratch(): string {
  return mkdtempSync(path.join(process.env.SECFETCH_CLI_TEST_TMP ?? tmpdir(), "scratch-"));
}

/** The environment a child starts with: PATH, a scratch HOME and no profile file, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}, home = scratch()): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, SECFETCH_CONFIG: path.join(home, "no-config.toml"), NO_COLOR: "1", ...extra };
}

/** Runs `secfetch args…` as a child process with piped standard streams (so: not a terminal). */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { env: options.env ?? cleanEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Writes a file (a CA, a body, a profile) into a scratch folder; returns its path. */
export function scratchFile(dir: string, name: string, content: string, mode = 0o600): string {
  const file = path.join(dir, name);
  writeFileSync(file, content, { mode });
  return file;
}

/** `{ baseUrl, clientId }` → `{ SECFETCH_<VENDOR>_BASE_URL, … }`, as `secfetch emulate` prints them. */
export function envFor(vendor: string, options: Record<string, unknown>, dir: string): Record<string, string> {
  const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_").toUpperCase();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options)) {
    if (name === "ca") env[`SECFETCH_${snake(vendor)}_CA_FILE`] = scratchFile(dir, `${vendor}-ca.pem`, String(value));
    else env[`SECFETCH_${snake(vendor)}_${snake(name)}`] = Array.isArray(value) ? value.join(" ") : String(value);
  }
  return env;
}
