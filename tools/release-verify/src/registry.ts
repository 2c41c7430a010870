import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { toolchain } from "./toolchain.js";

export interface Registry {
  url: string;
  /** A .npmrc that points npm at this registry with a dummy token (npm refuses to publish without one). */
  npmrc: string;
  close(): Promise<void>;
}

/**
 * Verdaccio's config. `@secfetch/*` has no uplink: every copy of our packages a consumer installs
 * must be one this run published, never one from registry.npmjs.org (a real `@secfetch` release
 * would silently stand in for a broken tarball). Everything else (openapi-fetch, ajv, typescript…)
 * is proxied to registry.npmjs.org, as a user's install would get it; mirroring the whole
 * third-party tree into the local registry would prove nothing about our tarballs.
 */
export function verdaccioConfig(storage: string): string {
  return `storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(path.join(storage, "htpasswd"))}
    max_users: -1
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
    # Six consumers install the same tools: one metadata fetch from npmjs per run is enough.
    maxage: 60m
packages:
  "@secfetch/*":
    access: $all
    publish: $all
  "**":
    access: $all
    publish: $authenticated
    proxy: npmjs
server:
  keepAliveTimeout: 60
web:
  enable: false
log: { type: stdout, format: json, level: warn }
`;
}

/** A free loopback port. Verdaccio cannot report a port 0 it was given, so one is picked first. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts Verdaccio with its config and storage under `dir`, and waits until it answers. */
export async function startRegistry(dir: string): Promise<Registry> {
  const storage = path.join(dir, "storage");
  await mkdir(storage, { recursive: true });
  const config = path.join(dir, "config.yaml");
  await writeFile(config, verdaccioConfig(storage));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(process.execPath, [toolchain.verdaccio, "--config", config, "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  child.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  await waitUntilUp(url, child, () => output);
  // The token is a placeholder: this registry lets anyone publish @secfetch/*; npm only wants one to be there.
  const npmrc = path.join(dir, ".npmrc");
  await writeFile(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=release-verify-placeholder\naudit=false\nfund=false\nupdate-notifier=false\n`);
  return { url, npmrc, close: () => stop(child) };
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode} before answering:\n${output()}`);
    const up = await fetch(`${url}-/ping`).then((response) => response.ok, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`Verdaccio did not answer on ${url} within 60 s:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
