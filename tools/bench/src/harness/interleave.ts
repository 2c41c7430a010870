/** One operation of a contender: a call, a page walk, a cold start. */
export type Operation = () => Promise<unknown>;

export interface InterleaveOptions {
  /** Measured rounds; each runs both contenders, the first one alternating. */
  rounds: number;
  /** Operations per contender per round. */
  ops: number;
  /** Operations in flight at once. Default 1. */
  concurrency?: number;
  /** Unmeasured rounds run first, so both sides are warm (JIT, sockets). Default 1. */
  warmupRounds?: number;
}

export interface Comparison {
  /** Median over rounds of (ours ÷ baseline) in operations per second: 1 means as fast. */
  ratio: number;
  /** Smallest and largest round ratio: how far one run can be trusted. */
  spread: [number, number];
  oursOpsPerSecond: number;
  baselineOpsPerSecond: number;
  /** Extra wall time per operation, in microseconds (median of rounds). */
  extraMicroseconds: number;
}

/**
 * Runs two contenders in alternating order, round after round, and compares their rates per
 * round: a machine that slows down for a while slows both, and whichever runs first has no
 * standing advantage. One run, one ratio, with its spread.
 */
export async function interleave(ours: Operation, baseline: Operation, options: InterleaveOptions): Promise<Comparison> {
  const concurrency = options.concurrency ?? 1;
  for (let round = 0; round < (options.warmupRounds ?? 1); round++) {
    await timeOps(ours, options.ops, concurrency);
    await timeOps(baseline, options.ops, concurrency);
  }
  const ratios: number[] = [];
  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    let a: number;
    let b: number;
    if (round % 2 === 0) {
      a = await timeOps(ours, options.ops, concurrency);
      b = await timeOps(baseline, options.ops, concurrency);
    } else {
      b = await timeOps(baseline, options.ops, concurrency);
      a = await timeOps(ours, options.ops, concurrency);
    }
    oursMs.push(a);
    baselineMs.push(b);
    ratios.push(b / a);
  }
  const oursMedian = median(oursMs);
  const baselineMedian = median(baselineMs);
  return {
    ratio: median(ratios),
    spread: [Math.min(...ratios), Math.max(...ratios)],
    oursOpsPerSecond: (options.ops / oursMedian) * 1000,
    baselineOpsPerSecond: (options.ops / baselineMedian) * 1000,
    extraMicroseconds: median(oursMs.map((ms, i) => ((ms - (baselineMs[i] ?? ms)) * 1000) / options.ops)),
  };
}

/** Wall time, in ms, of `ops` operations with `concurrency` in flight. */
export async function timeOps(operation: Operation, ops: number, concurrency: number): Promise<number> {
  let started = 0;
  const lane = async () => {
    while (started < ops) {
      started++;
      await operation();
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, ops) }, lane));
  return performance.now() - begin;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
