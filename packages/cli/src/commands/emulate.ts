import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { envName } from "../credentials/names.js";
import { UsageError } from "../exit-codes.js";
import type { VendorTable } from "../tables/types.js";

interface EmulatorHandle {
  clientOptions(): Record<string, unknown>;
  close(): Promise<void>;
}

type StartEmulator = (options?: { port?: number }) => Promise<EmulatorHandle>;

export interface RunningEmulator {
  /** The `export NAME='value'` lines that point every `secfetch <vendor>` command at it. */
  readonly exports: string[];
  close(): Promise<void>;
}

/**
 * Starts a vendor's emulator from @secfetch/emulators (its `start<Client>Emulator`, named like the
 * vendor's factory) and turns the emulator's `clientOptions()` — the demo credentials and its
 * URLs — into the environment variables the CLI reads. A CA certificate goes to a file, named by
 * `…_CA_FILE`.
 */
export async function startEmulator(vendor: VendorTable, port: number | undefined): Promise<RunningEmulator> {
  const emulators = (await import("@secfetch/emulators")) as unknown as Record<string, StartEmulator | undefined>;
  const start = emulators[`start${vendor.clientName}Emulator`];
  if (!start) throw new UsageError(`@secfetch/emulators has no emulator for ${vendor.name}.`);
  const emulator = await start(port === undefined ? {} : { port }).catch((error: unknown) => {
    throw new UsageError(`The ${vendor.name} emulator did not start: ${(error as Error).message}`);
  });
  const exports: string[] = [];
  const files: string[] = [];
  for (const [name, value] of Object.entries(emulator.clientOptions())) {
    if (name === "ca") {
      const file = path.join(tmpdir(), `secfetch-${vendor.name}-ca-${process.pid}.pem`);
      writeFileSync(file, textOf(value));
      files.push(file);
      exports.push(`export ${envName(vendor.name, "caFile")}=${shellQuote(file)}`);
    } else {
      exports.push(`export ${envName(vendor.name, name)}=${shellQuote(Array.isArray(value) ? value.map(textOf).join(" ") : textOf(value))}`);
    }
  }
  return {
    exports,
    close: async () => {
      await emulator.close();
      for (const file of files) rmSync(file, { force: true });
    },
  };
}

const shellQuote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

const textOf = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));
