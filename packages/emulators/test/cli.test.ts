import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

/** Runs the bin as a user would (a real process), with the TypeScript source loaded by tsx. */
function run(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => stdout.includes("Ctrl+C") && resolve(stdout));
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // A usage test never waits for "ready": its refusal must not surface as an unhandled rejection.
  ready.catch(() => undefined);
  return { child, ready, output: () => ({ stdout, stderr }) };
}

describe("npx @secfetch/emulators", () => {
  it("starts one vendor in the foreground, prints its URL and demo credentials, answers a real token request, and stops on SIGTERM", async () => {
    const { child, ready } = run(["paloalto-saas-security", "--port", "0"]);
    const printed = await ready;
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
    const clientId = /clientId\s+(\S+)/.exec(printed)?.[1];
    const clientSecret = /clientSecret\s+(\S+)/.exec(printed)?.[1];
    expect(url && clientId && clientSecret).toBeTruthy();
    const answer = await fetch(`${url}/oauth/token`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&scope=incident_api",
    });
    expect(answer.status).toBe(200);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it.each([
    [[], "Name a vendor"],
    [["no-such-vendor"], 'Unknown vendor "no-such-vendor"'],
    [["forcepoint-one", "--port", "70000"], "--port takes a TCP port from 0 to 65535"],
    [["sophos-central", "--port", "8080"], "leave out --port"],
  ])("refuses %j with exit code 2 and says what to do", async (args, message) => {
    const { child, output } = run(args);
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(output().stderr).toContain(message);
    expect(output().stderr).toContain("Usage: npx @secfetch/emulators <vendor>");
  });
});
