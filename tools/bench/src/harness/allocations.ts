import { PerformanceObserver } from "node:perf_hooks";
import type { Operation } from "./interleave.js";
import { median } from "./interleave.js";

/**
 * Heap bytes the main thread takes per operation: batches run right after a forced collection,
 * and a batch during which a collection ran anyway is run again, so nothing allocated is
 * missed. A worker thread's heap (the bench's server) is not counted. Needs `node --expose-gc`.
 */
export async function bytesPerOperation(operation: Operation, { batches, perBatch }: { batches: number; perBatch: number }): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("measuring allocations needs node --expose-gc (npm run bench passes it)");
  let collections = 0;
  const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
  observer.observe({ entryTypes: ["gc"] });
  const samples: number[] = [];
  try {
    for (let tries = 0; samples.length < batches && tries < batches * 4; tries++) {
      gc();
      await delivered();
      const seen = collections;
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < perBatch; i++) await operation();
      const after = process.memoryUsage().heapUsed;
      await delivered();
      if (collections === seen) samples.push((after - before) / perBatch);
    }
  } finally {
    observer.disconnect();
  }
  if (samples.length === 0) throw new Error("every batch was interrupted by a collection: use smaller batches");
  return median(samples);
}

/** Lets the observer hear of collections that have run. */
function delivered(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
