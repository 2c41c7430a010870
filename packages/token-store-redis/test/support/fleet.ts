import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FleetVendor, WorkerCommand, WorkerReport } from "./fleet-worker.js";
import type { RedisTokenStoreOptions } from "../../src/index.js";

const WORKER = fileURLToPath(new URL("./fleet-worker.ts", import.meta.url));

export interface Worker {
  /** A new client and store for the next test, in the same process. */
  setup(setup: FleetSetup): Promise<void>;
  /** Runs `calls` at once (or `calls` at a time for `durationMs`) and resolves with its report. */
  run(calls: number, durationMs?: number): Promise<Extract<WorkerReport, { type: "done" }>>;
  /** Kills the process outright, as a crash or an OOM kill would. */
  kill(): Promise<void>;
  exit(): Promise<void>;
}

export interface FleetSetup {
  vendor: FleetVendor;
  clientOptions: Record<string, unknown>;
  store: RedisTokenStoreOptions;
}

/** `size` worker processes, each to be given its own client and Redis store with `setup`. */
export function startFleet(size: number): Worker[] {
  return Array.from({ length: size }, () => startWorker());
}

function startWorker(): Worker {
  const child = fork(WORKER, [], { execArgv: ["--import", "tsx", "--conditions=@secfetch/source"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () =>
    new Promise<WorkerReport>((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) => reject(new Error(`worker exited (${signal ?? code}) before it answered`));
      child.once("exit", onExit);
      child.once("message", (report: WorkerReport) => {
        child.off("exit", onExit);
        if (report.type === "error") reject(new Error(`worker: ${report.message}`));
        else resolve(report);
      });
    });
  const ask = (command: WorkerCommand) => {
    const answer = next();
    child.send(command);
    return answer;
  };
  return {
    setup: async (setup) => {
      await ask({ type: "setup", ...setup });
    },
    run: async (calls, durationMs) => (await ask({ type: "run", calls, ...(durationMs === undefined ? {} : { durationMs }) })) as Extract<WorkerReport, { type: "done" }>,
    kill: () => stop(child, () => child.kill("SIGKILL")),
    exit: () => stop(child, () => child.send({ type: "exit" })),
  };
}

function stop(child: ChildProcess, how: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  how();
  return exited;
}
