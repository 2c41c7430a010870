import { median, type Comparison, type Operation } from "./interleave.js";

export interface AlternateOptions {
  /** Measured calls per contender. */
  calls: number;
  /** Calls in flight at once: each turn is a burst of this many calls of one contender. Default 1. */
  concurrency?: number;
  /** Unmeasured calls per contender first (JIT, sockets). */
  warmupCalls: number;
  /** The measured turns are cut into this many slices for the spread. Default 10. */
  slices?: number;
}

/**
 * Compares two contenders turn by turn: a turn is one call (or, at concurrency n, n calls in
 * flight together) of one contender, then a turn of the other, the order flipping every pair,
 * so both meet the same machine at the same moments — on a small shared VM whole seconds run
 * slow or fast, and long rounds of one contender then the other catch them unevenly. Neither
 * contender's calls are in flight with the other's, so neither pays for the other's work. The
 * figure is the ratio of median turn times (calls per second of a typical turn); the spread is
 * that ratio over slices of the run. A pause that hits some turns (a collection) moves the
 * mean, not the median: allocations are measured on their own.
 */
export async function alternateCalls(ours: Operation, baseline: Operation, options: AlternateOptions): Promise<Comparison> {
  const concurrency = options.concurrency ?? 1;
  const turns = (calls: number) => Math.max(1, Math.ceil(calls / concurrency));
  await run(ours, baseline, turns(options.warmupCalls), concurrency);
  const { oursMs, baselineMs } = await run(ours, baseline, turns(options.calls), concurrency);
  const slices = options.slices ?? 10;
  const size = Math.ceil(oursMs.length / slices);
  const ratios: number[] = [];
  for (let at = 0; at < oursMs.length; at += size) ratios.push(median(baselineMs.slice(at, at + size)) / median(oursMs.slice(at, at + size)));
  const oursMedian = median(oursMs);
  const baselineMedian = median(baselineMs);
  return {
    ratio: baselineMedian / oursMedian,
    spread: [Math.min(...ratios), Math.max(...ratios)],
    oursOpsPerSecond: (1000 / oursMedian) * concurrency,
    baselineOpsPerSecond: (1000 / baselineMedian) * concurrency,
    extraMicroseconds: ((oursMedian - baselineMedian) * 1000) / concurrency,
  };
}

/** Each contender's turn times in ms, in the order they were taken. */
async function run(ours: Operation, baseline: Operation, turns: number, concurrency: number): Promise<{ oursMs: number[]; baselineMs: number[] }> {
  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  const burst = Array.from({ length: concurrency });
  const turn = async (operation: Operation, into: number[]) => {
    const started = performance.now();
    await Promise.all(burst.map(operation));
    into.push(performance.now() - started);
  };
  for (let pair = 0; pair < turns; pair++) {
    if (pair % 2 === 0) {
      await turn(ours, oursMs);
      await turn(baseline, baselineMs);
    } else {
      await turn(baseline, baselineMs);
      await turn(ours, oursMs);
    }
  }
  return { oursMs, baselineMs };
}
