/**
 * Runs per property: 1000 by default; a nightly job raises it with SECFETCH_PROPERTY_RUNS.
 * A value that is not a whole number of at least 1 is an error, not a silent fallback.
 */
export function propertyRuns(): number {
  const raw = process.env.SECFETCH_PROPERTY_RUNS;
  if (raw === undefined || raw.trim() === "") return 1000;
  const runs = Number(raw);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`SECFETCH_PROPERTY_RUNS must be a whole number of at least 1 (got ${JSON.stringify(raw)}).`);
  }
  return runs;
}

/** A test timeout that grows with the run count, so a nightly run with more runs does not time out. */
export function propertyTimeout(runs: number, msPerRun: number, floorMs = 20_000): number {
  return Math.max(floorMs, Math.ceil(runs * msPerRun));
}
