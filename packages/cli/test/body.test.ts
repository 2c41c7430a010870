import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFortiAuthenticatorEmulator, type FortiAuthenticatorEmulator } from "@secfetch/emulators";
import { runInProcess } from "./in-process.js";
import { cleanEnv, envFor, runCli, scratch, scratchFile } from "./run-cli.js";

describe("writes with --body (FortiAuthenticator emulator, over HTTPS with its own CA)", () => {
  let emulator: FortiAuthenticatorEmulator;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startFortiAuthenticatorEmulator();
    dir = scratch();
    env = cleanEnv(envFor("fortiauthenticator", emulator.clientOptions(), dir), dir);
  });
  afterAll(() => emulator?.close());

  it("creates from standard input (--body -) and from a file (--body @file), then reads back", async () => {
    const fromStdin = await runCli(["fortiauthenticator", "POST", "/api/v1/localusers/", "--body", "-"], { env, input: JSON.stringify({ username: "cli-stdin", email: "cli-stdin@example.com" }) });
    expect(fromStdin.stderr).toBe("");
    expect(fromStdin.code).toBe(0);
    // FortiAuthenticator answers 201 with no body: stdout stays empty; --verbose says what came back.
    expect(fromStdin.stdout).toBe("");
    const file = scratchFile(dir, "user.json", JSON.stringify({ username: "cli-file", email: "cli-file@example.com" }));
    const fromFile = await runCli(["fortiauthenticator", "POST", "/api/v1/localusers/", "--body", `@${file}`, "--verbose"], { env });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stderr).toMatch(/HTTP 201 Created, no body/);
    const id = emulator.localUsers.find((user) => user.username === "cli-stdin")!.id;
    const read = await runCli(["fortiauthenticator", "GET", `/api/v1/localusers/${id}/`, "--jq", ".email"], { env });
    expect(read.stdout).toBe("cli-stdin@example.com\n");
    expect(emulator.localUsers.map((user) => user.username)).toEqual(expect.arrayContaining(["cli-stdin", "cli-file"]));
  });

  it("refuses a body that is not JSON, a body where the operation takes none, and a missing required one — before sending", async () => {
    const notJson = await runInProcess(["fortiauthenticator", "POST", "/api/v1/localusers/", "--body", "{username:"], env);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^secfetch: The body from --body is not JSON/);
    const noBody = await runInProcess(["fortiauthenticator", "GET", "/api/v1/localusers/", "--body", "{}"], env);
    expect(noBody.code).toBe(2);
    expect(noBody.stderr).toContain("takes no body");
    const missing = await runInProcess(["fortiauthenticator", "POST", "/api/v1/localusers/"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("needs a body");
  });
});
