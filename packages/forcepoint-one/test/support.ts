import { FORCEPOINT_ONE_DEMO_CREDENTIALS as DEMO, startForcepointOneEmulator, type ForcepointOneEmulator } from "@secfetch/emulators";
import { afterEach } from "vitest";
import { createForcepointOneClient, type ForcepointOneClientOptions, type LogCheckpoint } from "../src/index.js";

export { DEMO };

/** Before every seeded record (they are dated in the 30 days before 2025-01-01). */
export const BEFORE_SEED = "2024-11-01T00:00:00Z";

const running: ForcepointOneEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Starts an emulator closed after the test; no server-side rate limit unless asked for. */
export async function startEmulator(options: Parameters<typeof startForcepointOneEmulator>[0] = {}): Promise<ForcepointOneEmulator> {
  const emulator = await startForcepointOneEmulator({ rateLimitPerSecond: null, ...options });
  running.push(emulator);
  return emulator;
}

/** A token client of `emulator`, without the client-side rate limit unless asked for. */
export function tokenClient(emulator: ForcepointOneEmulator, extra: ForcepointOneClientOptions & { token?: string } = {}) {
  return createForcepointOneClient({ token: DEMO.token, baseUrl: emulator.url, rateLimit: false, ...extra });
}

/** Every record of an export run, and the checkpoint of its last page. */
export async function drain<R>(pages: AsyncIterable<{ records: R[]; checkpoint: LogCheckpoint }>, stopAfterPages = Infinity) {
  const records: R[] = [];
  let checkpoint: LogCheckpoint | undefined;
  let pageCount = 0;
  for await (const page of pages) {
    records.push(...page.records);
    checkpoint = page.checkpoint;
    if (++pageCount >= stopAfterPages) break;
  }
  return { records, checkpoint, pages: pageCount };
}
