#!/usr/bin/env node
import process from "node:process";
import { main } from "./main.js";

// Ctrl+C or a TERM: `emulate` closes its servers and exits 0; anything else ends at once with 130
// (a checkpoint file is replaced in one step, so a walk stopped between pages resumes cleanly).
let stop!: () => void;
const stopped = new Promise<void>((resolve) => (stop = resolve));
const emulating = process.argv[2] === "emulate";
let interrupts = 0;
const onSignal = () => {
  if (!emulating || ++interrupts > 1) process.exit(130);
  stop();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

const code = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, stopped });
process.exitCode = code;
// Exit once what was written has left (pipes are asynchronous on macOS), without waiting for a
// client's idle keep-alive sockets to close.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
