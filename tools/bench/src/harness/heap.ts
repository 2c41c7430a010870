/** Heap growth, in bytes, over `run`, with GC forced before and after; needs `node --expose-gc`. */
export async function heapGrowth(run: () => Promise<unknown>): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("measuring the heap needs node --expose-gc (npm run bench passes it)");
  gc();
  const before = process.memoryUsage().heapUsed;
  await run();
  gc();
  return process.memoryUsage().heapUsed - before;
}
