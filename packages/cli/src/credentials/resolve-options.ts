import { readFile } from "node:fs/promises";
import { UsageError } from "../exit-codes.js";
import type { OptionTable, VendorTable } from "../tables/types.js";
import { connectionOptions, envName, kebab } from "./names.js";
import { profileFile, readProfile } from "./profile.js";
import type { Prompter } from "./prompt.js";

export interface ResolveInput {
  readonly vendor: VendorTable;
  /** Option values given as flags, by option name (`clientId`), as typed. */
  readonly flags: Readonly<Record<string, string | undefined>>;
  readonly allowSecretArgs: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** `--profile`, `SECFETCH_PROFILE`, else `default`. */
  readonly profile: string;
  readonly prompter: Prompter | undefined;
  /** Every vendor's table: a profile file holding any vendor's secret must be private. */
  readonly allVendors: readonly VendorTable[];
}

/** Every option the CLI can set for a vendor: the spec's sign-in options, then the connection ones. */
export const allOptions = (vendor: VendorTable): OptionTable[] => [...vendor.options, ...connectionOptions(vendor)];

/**
 * The factory's options, from (strongest first) flags, environment variables, the profile file,
 * and — at a terminal, for a sign-in still incomplete — prompts. Secrets on the command line are
 * refused unless `--allow-secret-args`; no value is ever put into a message.
 */
export async function resolveOptions(input: ResolveInput): Promise<Record<string, unknown>> {
  const { vendor, env } = input;
  const options = allOptions(vendor);
  // Any vendor's secret makes the file one to keep private, not only the vendor called now.
  const secretNames = new Set(input.allVendors.flatMap((table) => table.options.filter((option) => option.secret).map((option) => option.name)));
  const file = profileFile(env);
  const fromProfile = file ? readProfile(file, input.profile, vendor.name, secretNames) : {};
  for (const key of Object.keys(fromProfile)) {
    if (!options.some((option) => option.name === key)) {
      throw new UsageError(`${file}: [${input.profile}.${vendor.name}] has an unknown option "${key}".`, `Options of ${vendor.name}: ${options.map((option) => option.name).join(", ")}.`);
    }
  }

  const raw: Record<string, unknown> = {};
  for (const option of options) {
    const flag = input.flags[option.name];
    if (flag !== undefined) {
      if (option.secret && !input.allowSecretArgs) {
        throw new UsageError(
          `--${kebab(option.name)} would put a secret on the command line, where shell history and process lists keep it; refused.`,
          `Set ${envName(vendor.name, option.name)}, use a profile, or let secfetch prompt for it at a terminal (--allow-secret-args accepts it anyway).`,
        );
      }
      raw[option.name] = flag;
      continue;
    }
    const fromEnv = env[envName(vendor.name, option.name)];
    if (fromEnv !== undefined && fromEnv !== "") raw[option.name] = fromEnv;
    else if (fromProfile[option.name] !== undefined) raw[option.name] = fromProfile[option.name];
  }

  const values: Record<string, unknown> = {};
  for (const option of options) if (raw[option.name] !== undefined) values[option.name] = convert(vendor, option, raw[option.name]);

  await completeSignIn(input, options, values);

  if (typeof values.caFile === "string") {
    const caFile = values.caFile;
    delete values.caFile;
    try {
      values.ca = await readFile(caFile, "utf8");
    } catch (error) {
      throw new UsageError(`Cannot read the CA file ${caFile} (${(error as NodeJS.ErrnoException).code ?? "error"}).`, `Set ${envName(vendor.name, "caFile")} or --ca-file to a PEM file.`);
    }
  }
  return values;
}

/** Makes sure one sign-in mode and every required option are set: prompts at a terminal, else says which variables to set. */
async function completeSignIn(input: ResolveInput, options: OptionTable[], values: Record<string, unknown>): Promise<void> {
  const { vendor } = input;
  const has = (name: string) => values[name] !== undefined;
  const chosen = vendor.modes.find((mode) => mode.requires.every(has));
  const requiredMissing = options.filter((option) => option.required && !has(option.name) && option.default === undefined);
  if (chosen && requiredMissing.length === 0) return;
  // The mode nearest to complete: the one with most of its options set (the first on a tie).
  const nearest = chosen ?? [...vendor.modes].sort((a, b) => b.requires.filter(has).length - a.requires.filter(has).length)[0]!;
  const missing = [...new Set([...requiredMissing.map((option) => option.name), ...nearest.requires.filter((name) => !has(name))])];
  if (input.prompter) {
    for (const name of missing) {
      const option = options.find((candidate) => candidate.name === name)!;
      const answer = await input.prompter.ask(`${vendor.title} ${name}${option.description ? ` (${option.description.replace(/\.$/, "")})` : ""}: `, { secret: option.secret });
      if (answer === "") throw new UsageError(`No ${name} given; nothing was sent.`);
      values[name] = convert(vendor, option, answer);
    }
    return;
  }
  const ways = vendor.modes.map((mode) => mode.requires.map((name) => envName(vendor.name, name)).join(" + "));
  throw new UsageError(
    `${vendor.name}: missing ${missing.map((name) => envName(vendor.name, name)).join(", ")}.`,
    `Sign-in takes ${ways.join("; or ")}${requiredMissing.length ? `; and ${requiredMissing.map((option) => envName(vendor.name, option.name)).join(", ")}` : ""} — from the environment, a profile (~/.config/secfetch/config.toml), or prompted at a terminal. \`secfetch emulate ${vendor.name}\` prints a set that works against the emulator.`,
  );
}

function convert(vendor: VendorTable, option: OptionTable, value: unknown): unknown {
  const where = envName(vendor.name, option.name);
  let converted: unknown = value;
  if (typeof value === "string") {
    if (option.type === "number") {
      converted = Number(value);
      if (!Number.isFinite(converted)) throw new UsageError(`${option.name} (${where}) must be a number.`);
    } else if (option.type === "boolean") {
      if (!/^(true|false|1|0|yes|no)$/i.test(value)) throw new UsageError(`${option.name} (${where}) must be true or false.`);
      converted = /^(true|1|yes)$/i.test(value);
    } else if (option.type === "string[]") {
      converted = value.split(/[\s,]+/).filter(Boolean);
    }
  }
  if (option.enum && !option.enum.includes(converted)) {
    // Only a non-secret value is quoted back.
    throw new UsageError(`${option.name} (${where}) must be one of ${option.enum.map((entry) => JSON.stringify(entry)).join(", ")}${option.secret ? "" : `, not ${JSON.stringify(converted)}`}.`);
  }
  return converted;
}
