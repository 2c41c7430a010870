import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORTIAUTHENTICATOR_DEMO, startFortiAuthenticatorEmulator, startSophosCentralEmulator, type FortiAuthenticatorEmulator, type SophosCentralEmulator } from "@secfetch/emulators";
import { cleanEnv, envFor, runCli, scratch } from "./run-cli.js";
import { runInTerminal, screenLines } from "./terminal.js";

// util-linux `script` gives the CLI a pseudo-terminal with no native build; Debian and most Linux have it.
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasScript)("at a terminal (a pseudo-terminal through util-linux script)", () => {
  let sophos: SophosCentralEmulator;
  let fac: FortiAuthenticatorEmulator;
  let dir: string;
  let sophosEnv: Record<string, string>;
  let facEnv: Record<string, string>;

  beforeAll(async () => {
    [sophos, fac] = await Promise.all([startSophosCentralEmulator(), startFortiAuthenticatorEmulator()]);
    dir = scratch();
    sophosEnv = cleanEnv(envFor("sophos-central", sophos.clientOptions(), dir), dir);
    facEnv = cleanEnv(envFor("fortiauthenticator", fac.clientOptions(), dir), dir);
  });
  afterAll(async () => {
    await Promise.all([sophos?.close(), fac?.close()]);
  });

  it("shows progress (pages, items, rate) on stderr during a walk, and none when piped or --quiet", async () => {
    const terminal = runInTerminal(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "-q", "pageSize=5"], sophosEnv);
    expect(await terminal.exited).toBe(0);
    expect(terminal.output).toMatch(/\d+ pages?, \d+ items?, \d+ items\/s/);
    expect(terminal.output).toContain("6 pages, 30 items");
    const quiet = runInTerminal(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "-q", "pageSize=5", "--quiet"], sophosEnv);
    expect(await quiet.exited).toBe(0);
    expect(quiet.output).not.toMatch(/items\/s|pages,/);
    const piped = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "-q", "pageSize=5"], { env: sophosEnv });
    expect(piped.stderr).toBe("");
  });

  it("asks for an MFA code (FortiAuthenticator, a FortiToken Mobile user) without echoing it, then calls", async () => {
    const env = { ...facEnv, SECFETCH_FORTIAUTHENTICATOR_USERNAME: FORTIAUTHENTICATOR_DEMO.users.ftm };
    const terminal = runInTerminal(["fortiauthenticator", "GET", "/api/v1/localusers/", "-q", "limit=2", "--jq", ".objects | length"], env);
    await terminal.waitFor(/code \(ftm\): $/);
    const code = fac.currentOtp(FORTIAUTHENTICATOR_DEMO.users.ftm);
    terminal.type(`${code}\r`);
    expect(await terminal.exited).toBe(0);
    const after = terminal.output.slice(terminal.output.indexOf("code (ftm):"));
    expect(after).not.toContain(code);
    expect(screenLines(after)).toContain("2");
  });

  it("waits for a push approval with a spinner (FortiToken Mobile push, polled by the client)", async () => {
    const env = { ...facEnv, SECFETCH_FORTIAUTHENTICATOR_USERNAME: FORTIAUTHENTICATOR_DEMO.users.push };
    const terminal = runInTerminal(["fortiauthenticator", "GET", "/api/v1/localusers/", "-q", "limit=1", "--jq", ".objects | length"], env);
    await terminal.waitFor(/signing in to .*approve the push/);
    let exited = false;
    void terminal.exited.then(() => (exited = true));
    // The push is pending once the client has sent its password grant; approve it as the phone would.
    while (!exited && !fac.approvePush(FORTIAUTHENTICATOR_DEMO.users.push)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await terminal.exited).toBe(0);
    expect(screenLines(terminal.output)).toContain("1");
  });

  it("prompts for a missing secret without echoing it; with no terminal it names the variable instead", async () => {
    const { clientSecret } = sophos.clientOptions();
    const env = { ...sophosEnv };
    delete env.SECFETCH_SOPHOS_CENTRAL_CLIENT_SECRET;
    const terminal = runInTerminal(["sophos-central", "GET", "/common/v1/alerts", "--jq", ".items | length"], env);
    await terminal.waitFor(/clientSecret.*: $/);
    terminal.type(`${clientSecret}\r`);
    expect(await terminal.exited).toBe(0);
    expect(terminal.output).not.toContain(clientSecret);
    const piped = await runCli(["sophos-central", "GET", "/common/v1/alerts"], { env });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain("missing SECFETCH_SOPHOS_CENTRAL_CLIENT_SECRET");
  });
});
