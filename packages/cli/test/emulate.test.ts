import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { SOPHOS_CENTRAL_DEFAULT_TENANTS } from "@secfetch/emulators";
import { cleanEnv, NODE_ARGS, runCli } from "./run-cli.js";

/** Starts `secfetch emulate <vendor>` and reads its export block off stdout. */
async function emulate(vendor: string): Promise<{ env: Record<string, string>; block: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [...NODE_ARGS, "emulate", vendor], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let block = "";
  child.stdout.setEncoding("utf8");
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      block += chunk;
      if (/^export .*\n(?![\s\S]*\S)/m.test(block) && block.split("\n").filter((line) => line.startsWith("export ")).length >= 2) resolve();
    });
    child.once("exit", (code) => reject(new Error(`emulate exited with ${String(code)} before printing its exports`)));
  });
  const env: Record<string, string> = {};
  for (const match of block.matchAll(/^export ([A-Z0-9_]+)=(.*)$/gm)) env[match[1]!] = match[2]!.replace(/^'(.*)'$/, "$1");
  stops.push(async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGINT");
    await once(child, "exit");
  });
  return {
    env,
    block,
    stop: async () => {
      child.kill("SIGINT");
      const [code] = (await once(child, "exit")) as [number | null];
      return code;
    },
  };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

describe("secfetch emulate <vendor>", () => {
  it("prints an export block that makes every command work with no account; the walk counts the emulator's endpoints", async () => {
    const { env, block, stop } = await emulate("sophos-central");
    expect(block).toMatch(/^# sophos-central emulator on 127\.0\.0\.1/);
    expect(Object.keys(env).sort()).toEqual(["SECFETCH_SOPHOS_CENTRAL_BASE_URL", "SECFETCH_SOPHOS_CENTRAL_CLIENT_ID", "SECFETCH_SOPHOS_CENTRAL_CLIENT_SECRET", "SECFETCH_SOPHOS_CENTRAL_ID_URL"]);
    const walk = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate"], { env: cleanEnv(env) });
    expect(walk.code).toBe(0);
    // The tenant credential's tenant is the first seeded one.
    expect(walk.stdout.trimEnd().split("\n")).toHaveLength(SOPHOS_CENTRAL_DEFAULT_TENANTS[0]!.endpoints!);
    expect(await stop()).toBe(0);
  });

  it("writes the appliance's CA to a file for FortiAuthenticator, and the client trusts it", async () => {
    const { env } = await emulate("fortiauthenticator");
    expect(env.SECFETCH_FORTIAUTHENTICATOR_CA_FILE).toMatch(/\.pem$/);
    expect(env.SECFETCH_FORTIAUTHENTICATOR_BASE_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const users = await runCli(["fortiauthenticator", "GET", "/api/v1/localusers/", "-q", "limit=3", "--jq", ".objects[].username"], { env: cleanEnv(env) });
    expect(users.stderr).toBe("");
    expect(users.code).toBe(0);
    expect(users.stdout.trimEnd().split("\n")).toHaveLength(3);
  });

  it("refuses an unknown vendor with the closest name", async () => {
    const { code, stderr } = await runCli(["emulate", "paloalto"]);
    expect(code).toBe(2);
    expect(stderr).toContain('No vendor "paloalto"');
  });
});
