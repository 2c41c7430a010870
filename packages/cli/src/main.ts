import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { Command, CommanderError, Option } from "commander";
import { renderCredentialsHelp, renderDescribe, renderOperations } from "./commands/describe.js";
import { startEmulator } from "./commands/emulate.js";
import { renderCompletion, SHELLS } from "./commands/completion.js";
import { kebab } from "./credentials/names.js";
import { terminalPrompter, type Prompter } from "./credentials/prompt.js";
import { allOptions, resolveOptions } from "./credentials/resolve-options.js";
import { EXIT, exitCodeOf, UsageError, type ExitCode } from "./exit-codes.js";
import { VENDOR_TABLES } from "./generated/tables.js";
import { clientFor } from "./run/client-for.js";
import { createProgress, type Progress } from "./output/progress.js";
import { createWriter } from "./output/writer.js";
import { buildRequest } from "./request/build-request.js";
import { callOnce, walk } from "./run/call.js";
import { findOperation } from "./tables/find-operation.js";
import { didYouMean } from "./suggest.js";
import type { VendorTable } from "./tables/types.js";
import { verboseLogger } from "./output/verbose.js";

/** Where the CLI reads and writes: the process's streams, or a test's. */
export interface CliIo {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the user interrupts (Ctrl+C) or the process is told to stop: `emulate` then closes its servers. */
  readonly stopped: Promise<void>;
}

const collect = (value: string, previous: string[]) => [...previous, value];

interface VendorFlags {
  query: string[];
  param: string[];
  header: string[];
  body?: string;
  paginate?: boolean;
  checkpoint?: string;
  jq?: string;
  fields?: string;
  format?: string;
  quiet?: boolean;
  verbose?: boolean;
  profile?: string;
  allowSecretArgs?: boolean;
  timeout?: string;
  maxRetries?: string;
  maxPages?: string;
  as?: string;
  [option: string]: unknown;
}

/** Runs `secfetch` with the given arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const out = createWriter(io.stdout);
  const note = (text: string) => void io.stderr.write(`${text}\n`);
  let code: ExitCode = EXIT.ok;

  const program = new Command("secfetch")
    .description("Call any operation of any secfetch vendor from a shell, with the vendor's sign-in built in.")
    .usage("<vendor> <METHOD> <path> [options] | <vendor> operations [filter] | <vendor> describe <METHOD> <path> | emulate <vendor> | completion <shell>")
    .version(packageVersion(), "-V, --version")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text), outputError: () => {} })
    .addHelpText("after", `\nVendors: ${VENDOR_TABLES.map((vendor) => vendor.name).join(", ")}\nExit codes: 0 ok, 2 usage or configuration, 3 sign-in refused, 4 API 4xx, 5 API 5xx or network, 6 timeout, 1 anything else.`);

  for (const vendor of VENDOR_TABLES) {
    const command = program
      .command(vendor.name)
      .description(`${vendor.title}: call an operation, or list and describe them`)
      .usage("<METHOD> <path> [options] | operations [filter] | describe <METHOD> <path>")
      .argument("<action>", "GET, POST, PUT, PATCH or DELETE; or operations, describe")
      .argument("[args...]", "the path (METHOD), a filter (operations), METHOD and path (describe)")
      .option("-q, --query <name=value>", "a query parameter (repeatable)", collect, [])
      .option("-p, --param <name=value>", "a path parameter (repeatable); or type the value in the path", collect, [])
      .option("-H, --header <name:value>", "a request header (repeatable)", collect, [])
      .option("--body <json|@file|->", "the request body: JSON, @file, or - for standard input")
      .option("--paginate", "walk every page (the spec's paging scheme), one JSON line per item")
      .option("--checkpoint <file>", "with --paginate: save where the walk is after each page, and resume from it")
      .option("--max-pages <n>", "with --paginate: stop after n pages (with --checkpoint, the next run goes on from there)")
      .option("--jq <expr>", "filter with jq (jq 1.8); with --paginate, per item")
      .option("--fields <list>", "keep only these fields (comma-separated, dotted paths)")
      .addOption(new Option("--format <format>", "output format (default: json; jsonl with --paginate)").choices(["json", "jsonl", "table", "csv"]))
      .option("--quiet", "no progress on stderr")
      .option("--verbose", "log each request and sign-in step on stderr (secrets redacted)")
      .option("--profile <name>", "the profile to read credentials from (default: $SECFETCH_PROFILE or default)")
      .option("--allow-secret-args", "accept secrets as flags (they stay in shell history and process lists)")
      .option("--timeout <ms>", "per-attempt timeout in milliseconds (default 30000)")
      .option("--max-retries <n>", "retries of a failed attempt (default 2)");
    for (const option of allOptions(vendor)) {
      command.option(`--${kebab(option.name)} <value>`, `${option.description ?? option.name}${option.secret ? " (a secret: prefer the environment, a profile or the prompt)" : ""}`);
    }
    if (vendor.delegates) {
      command.option("--as <id>", `act for one identity this credential manages (a partner's or organization's tenant), by id: listed by ${vendor.delegates.lists.join(", ")}`);
    }
    command.addHelpText("after", renderCredentialsHelp(vendor));
    command.action(async (action: string, args: string[], flags: VendorFlags) => {
      code = await runVendor(vendor, action, args, flags, io, out, note);
    });
  }

  program
    .command("emulate")
    .description("start a vendor's emulator and print the environment that points every command at it")
    .argument("<vendor>", VENDOR_TABLES.map((vendor) => vendor.name).join(", "))
    .option("--port <port>", "listen on this port (single-host emulators)")
    .option("--write-env <file>", "also write the export lines to this file once ready")
    .action(async (name: string, flags: { port?: string; writeEnv?: string }) => {
      const vendor = vendorNamed(name);
      const port = flags.port === undefined ? undefined : Number(flags.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new UsageError(`--port takes a TCP port from 0 to 65535, not "${flags.port}".`);
      const emulator = await startEmulator(vendor, port);
      const block = `# ${vendor.name} emulator on 127.0.0.1 with demo credentials (they work only here); Ctrl+C stops it.\n${emulator.exports.join("\n")}\n`;
      if (flags.writeEnv) await writeFile(flags.writeEnv, block, { mode: 0o600 });
      await out.write(block);
      await io.stopped;
      await emulator.close();
    });

  program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish), generated from the specs")
    .argument("<shell>", SHELLS.join(", "))
    .action(async (shell: string) => {
      await out.write(renderCompletion(shell, VENDOR_TABLES));
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      // Help shown because a command was left out: the help is the message.
      if (error.code === "commander.help") return EXIT.usage;
      note(`secfetch: ${error.message.replace(/^error: /, "")}`);
      if (error.code !== "commander.help" && error.code !== "commander.helpDisplayed") note("  hint: secfetch --help, or secfetch <vendor> --help");
      return EXIT.usage;
    }
    return report(error, note);
  }
}

/** This package's version, read from its package.json (beside src/ and dist/ alike). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

function vendorNamed(name: string): VendorTable {
  const vendor = VENDOR_TABLES.find((candidate) => candidate.name === name);
  if (!vendor) throw new UsageError(`No vendor "${name}".${didYouMean(name, VENDOR_TABLES.map((candidate) => candidate.name))}`, `Vendors: ${VENDOR_TABLES.map((candidate) => candidate.name).join(", ")}.`);
  return vendor;
}

async function runVendor(vendor: VendorTable, action: string, args: string[], flags: VendorFlags, io: CliIo, out: ReturnType<typeof createWriter>, note: (text: string) => void): Promise<ExitCode> {
  if (action === "operations") {
    if (args.length > 1) throw new UsageError(`operations takes at most one filter, not ${args.length}.`);
    await out.write(renderOperations(vendor, args[0]));
    return EXIT.ok;
  }
  if (action === "describe") {
    if (args.length !== 2) throw new UsageError("describe takes METHOD and path: secfetch " + vendor.name + " describe GET /path");
    await out.write(renderDescribe(vendor, findOperation(vendor, args[0]!, args[1]!).operation));
    return EXIT.ok;
  }
  if (args.length !== 1) throw new UsageError(args.length === 0 ? `${action} needs a path: secfetch ${vendor.name} ${action} /path` : `Unexpected arguments after the path: ${args.slice(1).join(" ")}.`, "Query parameters go in -q name=value; quote a path that holds ? or &.");
  const found = findOperation(vendor, action, args[0]!);
  if (found.operation.external) {
    throw new UsageError(
      `${found.operation.method} ${found.operation.path} is a sign-in step on the sign-in host, not an API call: the client runs it itself.`,
      `Set the credentials (\`secfetch ${vendor.name} --help\`) and call an API operation; --verbose shows the sign-in requests.`,
    );
  }
  if ((flags.checkpoint || flags.maxPages) && !flags.paginate) throw new UsageError(`${flags.checkpoint ? "--checkpoint" : "--max-pages"} goes with --paginate.`);
  const init = await buildRequest(found, { query: flags.query, param: flags.param, header: flags.header, body: flags.body }, () => readAll(io.stdin));

  const interactive = io.stderr.isTTY === true && !flags.quiet;
  const progress = createProgress(io.stderr, interactive);
  const prompter = terminalPrompter(io.stdin, io.stderr);
  const optionFlags: Record<string, string | undefined> = {};
  for (const option of allOptions(vendor)) optionFlags[option.name] = flags[option.name] as string | undefined;
  const resolved = await resolveOptions({
    vendor,
    flags: optionFlags,
    allowSecretArgs: flags.allowSecretArgs === true,
    env: io.env,
    profile: flags.profile ?? (io.env.SECFETCH_PROFILE || "default"),
    prompter,
    allVendors: VENDOR_TABLES,
  });
  const clientOptions: Record<string, unknown> = { ...resolved };
  if (flags.timeout !== undefined) clientOptions.timeoutMs = positiveInteger("--timeout", flags.timeout);
  if (flags.maxRetries !== undefined) clientOptions.maxRetries = positiveInteger("--max-retries", flags.maxRetries, true);
  const log = flags.verbose ? verboseLogger(vendor.name, note) : undefined;
  clientOptions.onEvent = (event: { type: string }) => {
    log?.(event);
    if (event.type === "token.issued" || event.type === "token.failed") progress.stop();
  };
  if (vendor.challenge) clientOptions.onChallenge = challengeHandler(vendor, prompter, progress);
  if (interactive) progress.spin(`signing in to ${vendor.title}…${vendor.pushMethods.length ? " (approve the push on your phone if one comes)" : ""}`);
  const client = await clientFor(vendor, clientOptions, flags.as);
  try {
    if (flags.paginate) {
      const maxPages = flags.maxPages === undefined ? undefined : positiveInteger("--max-pages", flags.maxPages);
      return await walk(client, vendor, found.operation, init, { ...flags, maxPages }, out, progress, flags.quiet ? () => {} : note);
    }
    const result = await callOnce(client, vendor, found.operation, init, { ...flags, maxPages: undefined }, out, interactive || flags.verbose ? note : () => {});
    progress.stop();
    return result;
  } catch (error) {
    progress.stop();
    throw error;
  }
}

/** MFA: a one-time code is asked for at the terminal; a push method is polled by the client while a spinner runs. */
function challengeHandler(vendor: VendorTable, prompter: Prompter | undefined, progress: Progress) {
  return async ({ method }: { challenge: string; method: string }): Promise<string> => {
    progress.stop();
    if (!prompter) {
      throw new UsageError(`${vendor.title} asks for a second factor (${method}), and there is no terminal to ask at.`, "Run the command in a terminal, or sign in with a credential without MFA (an admin access key).");
    }
    const code = await prompter.ask(`${vendor.title} code (${method}): `, { secret: true });
    if (vendor.pushMethods.length > 0) progress.spin("checking the code…");
    return code;
  };
}

function positiveInteger(flag: string, raw: string, zero = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zero ? 0 : 1)) throw new UsageError(`${flag} takes a whole number${zero ? "" : " above 0"}, not "${raw}".`);
  return value;
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8");
  return text;
}

/** The engine's hints name factory options; on the command line they are flags. */
function inCliTerms(hint: string): string {
  return hint.replace(/Raise `timeoutMs`/g, "Raise --timeout (milliseconds)").replace(/pass its CA as `ca`/g, "pass its CA with --ca-file");
}

/** One line for the error, one for what to do; the exit code by its kind. */
function report(error: unknown, note: (text: string) => void): ExitCode {
  const code = exitCodeOf(error);
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
    let message = error.message;
    if (typeof hint === "string" && hint && message.endsWith(hint)) message = message.slice(0, -hint.length).trimEnd();
    note(`secfetch: ${message}`);
    if (typeof hint === "string" && hint) note(`  hint: ${inCliTerms(hint)}`);
    if (code === EXIT.internal && error.name !== "Interrupted") note("  This looks like a bug in secfetch: please report it with the command you ran (without secrets).");
  } else {
    note(`secfetch: ${String(error)}`);
  }
  return error instanceof Error && error.name === "Interrupted" ? EXIT.interrupted : code;
}
