import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { UsageError } from "../exit-codes.js";

/** Where the profile file is: `SECFETCH_CONFIG`, else `$XDG_CONFIG_HOME/secfetch/config.toml` (or `.json`), else `~/.config/secfetch/…`. */
export function profileFile(env: NodeJS.ProcessEnv): string | undefined {
  if (env.SECFETCH_CONFIG) return env.SECFETCH_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config");
  for (const name of ["config.toml", "config.json"]) {
    const candidate = path.join(base, "secfetch", name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there: try the next name
    }
  }
  return undefined;
}

/**
 * The options a profile gives one vendor: `[<profile>.<vendor>]` in TOML, or
 * `{ "<profile>": { "<vendor>": { … } } }` in JSON. A file that holds a secret must be readable by
 * its owner only: a group- or world-readable one is refused, not read.
 */
export function readProfile(file: string, profile: string, vendor: string, secretNames: ReadonlySet<string>): Record<string, unknown> {
  let text: string;
  let mode: number;
  try {
    text = readFileSync(file, "utf8");
    mode = statSync(file).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      if (profile !== "default") throw new UsageError(`Profile "${profile}" asked for, but there is no profile file at ${file}.`);
      return {};
    }
    throw new UsageError(`Cannot read the profile file ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  let document: Record<string, unknown>;
  try {
    document = (file.endsWith(".json") ? JSON.parse(text) : parseToml(text)) as Record<string, unknown>;
  } catch (error) {
    // The parser's message quotes the line; that line may hold a secret.
    const line = /line (\d+)/i.exec((error as Error).message)?.[1];
    throw new UsageError(`The profile file ${file} is not valid ${file.endsWith(".json") ? "JSON" : "TOML"}${line ? ` (line ${line})` : ""}.`);
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0 && holdsSecret(document, secretNames)) {
    throw new UsageError(
      `The profile file ${file} holds secrets but others can read it (mode ${(mode & 0o777).toString(8)}); it was not read.`,
      `Make it private: chmod 600 ${file}`,
    );
  }
  const section = (document[profile] as Record<string, unknown> | undefined)?.[vendor];
  if (document[profile] === undefined && profile !== "default") {
    throw new UsageError(`The profile file ${file} has no profile "${profile}".`, `Profiles there: ${Object.keys(document).join(", ") || "none"}.`);
  }
  if (section === undefined) return {};
  if (section === null || typeof section !== "object" || Array.isArray(section)) throw new UsageError(`${file}: [${profile}.${vendor}] must be a table of options.`);
  return section as Record<string, unknown>;
}

function holdsSecret(node: unknown, secretNames: ReadonlySet<string>): boolean {
  if (node === null || typeof node !== "object") return false;
  return Object.entries(node).some(([key, value]) => (secretNames.has(key) && value !== "" && value !== null) || holdsSecret(value, secretNames));
}
