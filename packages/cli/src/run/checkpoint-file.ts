import { readFile, rename, writeFile } from "node:fs/promises";
import { UsageError } from "../exit-codes.js";

/** What `--checkpoint FILE` holds: the walk it belongs to, and the query that resumes it after the last page written. */
export interface CheckpointState {
  readonly secfetch: 1;
  readonly vendor: string;
  readonly path: string;
  /** The query that resumes the walk after the last page written out; `null` when the walk reached its end. */
  readonly query: Record<string, unknown> | null;
  readonly pages: number;
  readonly items: number;
  readonly updated: string;
}

/** The saved state, or `undefined` when the file does not exist yet (a first run). */
export async function readCheckpoint(file: string, vendor: string, path: string): Promise<CheckpointState | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`Cannot read the checkpoint file ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  let state: CheckpointState;
  try {
    state = JSON.parse(text) as CheckpointState;
  } catch {
    throw new UsageError(`${file} is not a secfetch checkpoint (not JSON).`, "Delete it to start the walk from the beginning.");
  }
  if (state?.secfetch !== 1 || typeof state.vendor !== "string") throw new UsageError(`${file} is not a secfetch checkpoint.`, "Delete it to start the walk from the beginning.");
  if (state.vendor !== vendor || state.path !== path) {
    throw new UsageError(`${file} is the checkpoint of another walk (${state.vendor} ${state.path}).`, "Use one checkpoint file per walk, or delete it to start over.");
  }
  return state;
}

/** Replaces the file in one step (write, then rename), so a crash never leaves half a checkpoint. */
export async function writeCheckpoint(file: string, state: CheckpointState): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
