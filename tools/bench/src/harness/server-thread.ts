import { Worker } from "node:worker_threads";

export interface ServerThread {
  url: string;
  /** Token requests the trivial server has answered so far. */
  tokenRequests(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the trivial server (a token route and one small list) on a worker thread. */
export function startTrivialServerThread(options: { tokenTtlSeconds?: number; totalItems?: number } = {}): Promise<ServerThread> {
  return startWorker(new URL("./trivial-server-worker.mjs", import.meta.url), options);
}

async function startWorker(file: URL, workerData: unknown): Promise<ServerThread> {
  const worker = new Worker(file, { workerData });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", (message: { url: string }) => resolve(message.url));
    worker.once("error", reject);
  });
  return {
    url,
    async tokenRequests() {
      const answer = new Promise<{ tokenRequests: number }>((resolve) => worker.once("message", resolve));
      worker.postMessage("stats");
      return (await answer).tokenRequests;
    },
    async close() {
      const closed = new Promise((resolve) => worker.once("message", resolve));
      worker.postMessage("close");
      await closed;
      await worker.terminate();
    },
  };
}
