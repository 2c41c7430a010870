import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSophosCentralEmulator, type SophosCentralEmulator } from "@secfetch/emulators";
import { runInProcess } from "./in-process.js";
import { cleanEnv, envFor, scratch } from "./run-cli.js";

describe("operations and describe", () => {
  it("lists a vendor's operations with summaries, filtered", async () => {
    const { code, stdout } = await runInProcess(["sophos-central", "operations", "siem"], cleanEnv());
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SIEM:\n {2}GET \/siem\/v1\/alerts +Read SIEM alerts \[paged\]\n {2}GET \/siem\/v1\/events +Read SIEM events \[paged\]\n$/);
    const none = await runInProcess(["sophos-central", "operations", "no-such-thing"], cleanEnv());
    expect(none.code).toBe(2);
  });

  it("describes parameters and the body schema", async () => {
    const query = await runInProcess(["sophos-central", "describe", "GET", "/endpoint/v1/endpoints"], cleanEnv());
    expect(query.code).toBe(0);
    expect(query.stdout).toContain("Paged (key, items at /items): --paginate walks every page.");
    expect(query.stdout).toMatch(/Query parameters \(-q name=value\):\n {2}pageFromKey/);
    const body = await runInProcess(["fortiauthenticator", "describe", "POST", "/api/v1/localusers/"], cleanEnv());
    expect(body.code).toBe(0);
    expect(body.stdout).toMatch(/Body \(application\/json, required; --body JSON\|@file\|-\)/);
    expect(body.stdout).toMatch(/ {2}username +string, required/);
    const inline = await runInProcess(["fortiauthenticator", "describe", "get", "/api/v1/localusers/42/"], cleanEnv());
    expect(inline.stdout).toMatch(/^GET \/api\/v1\/localusers\/\{id\}\//);
  });

  it("--version prints the package's version; no command at all shows the help and exits 2", async () => {
    const version = await runInProcess(["--version"], cleanEnv());
    const { version: expected } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(version).toMatchObject({ code: 0, stdout: `${expected}\n` });
    const bare = await runInProcess([], cleanEnv());
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^Usage: secfetch <vendor> <METHOD> <path>/);
  });

  it("--help names each vendor's credential variables", async () => {
    const { code, stdout } = await runInProcess(["fortiauthenticator", "--help"], cleanEnv());
    expect(code).toBe(0);
    expect(stdout).toContain("SECFETCH_FORTIAUTHENTICATOR_CLIENT_SECRET");
    expect(stdout).toContain("SECFETCH_FORTIAUTHENTICATOR_CA_FILE");
    expect(stdout).toMatch(/password: clientId \+ username \+ password/);
  });
});

describe("shell completion, generated from the specs", () => {
  it("bash completes vendors, methods, the vendor's paths for the method, and flags", async () => {
    const { stdout } = await runInProcess(["completion", "bash"], cleanEnv());
    const complete = (...words: string[]) =>
      execFileSync("bash", ["-c", `${stdout}\nCOMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _secfetch; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: "utf8" }).trim().split("\n");
    expect(complete("secfetch", "soph")).toEqual(["sophos-central"]);
    expect(complete("secfetch", "sophos-central", "")).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "operations", "describe"]);
    expect(complete("secfetch", "sophos-central", "GET", "/siem/v1/")).toEqual(["/siem/v1/alerts", "/siem/v1/events"]);
    expect(complete("secfetch", "sophos-central", "describe", "GET", "/siem/v1/a")).toEqual(["/siem/v1/alerts"]);
    expect(complete("secfetch", "fortiauthenticator", "GET", "/x", "--ca")).toContain("--ca-file");
  });

  it("zsh and fish scripts name the same vendors and paths", async () => {
    const zsh = await runInProcess(["completion", "zsh"], cleanEnv());
    expect(zsh.stdout).toMatch(/^#compdef secfetch\n/);
    const fish = await runInProcess(["completion", "fish"], cleanEnv());
    expect(fish.stdout).toContain("complete -c secfetch -n '__fish_seen_subcommand_from sophos-central; and __fish_seen_subcommand_from GET' -a '");
    expect(fish.stdout).toContain("/endpoint/v1/endpoints");
    const bad = await runInProcess(["completion", "powershell"], cleanEnv());
    expect(bad.code).toBe(2);
  });
});

describe("profiles", () => {
  let emulator: SophosCentralEmulator;
  beforeAll(async () => {
    emulator = await startSophosCentralEmulator();
  });
  afterAll(() => emulator?.close());

  const profile = (dir: string, name: string, body: string, mode: number) => {
    const file = path.join(dir, name);
    writeFileSync(file, body);
    chmodSync(file, mode);
    return file;
  };

  it("reads credentials from a private TOML profile (SECFETCH_CONFIG), and a named one with --profile", async () => {
    const dir = scratch();
    const { baseUrl, idUrl, clientId, clientSecret } = emulator.clientOptions();
    const partner = emulator.clientOptions("partner");
    const file = profile(
      dir,
      "config.toml",
      `[default.sophos-central]\nbaseUrl = "${baseUrl}"\nidUrl = "${idUrl}"\nclientId = "${clientId}"\nclientSecret = "${clientSecret}"\n\n[partner.sophos-central]\nbaseUrl = "${baseUrl}"\nidUrl = "${idUrl}"\nclientId = "${partner.clientId}"\nclientSecret = "${partner.clientSecret}"\n`,
      0o600,
    );
    const env = cleanEnv({ SECFETCH_CONFIG: file }, dir);
    const tenant = await runInProcess(["sophos-central", "GET", "/whoami/v1", "--jq", ".idType"], env);
    expect(tenant.stdout).toBe("tenant\n");
    const named = await runInProcess(["sophos-central", "GET", "/whoami/v1", "--jq", ".idType", "--profile", "partner"], env);
    expect(named.stdout).toBe("partner\n");
  });

  it("finds $XDG_CONFIG_HOME/secfetch/config.json, and refuses a group- or world-readable file holding secrets without reading it", async () => {
    const dir = scratch();
    const options = emulator.clientOptions();
    const folder = path.join(dir, "xdg", "secfetch");
    execFileSync("mkdir", ["-p", folder]);
    const file = profile(folder, "config.json", JSON.stringify({ default: { "sophos-central": options } }), 0o644);
    const env = cleanEnv({ XDG_CONFIG_HOME: path.join(dir, "xdg") }, dir);
    delete env.SECFETCH_CONFIG;
    const refused = await runInProcess(["sophos-central", "GET", "/whoami/v1"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`The profile file ${file} holds secrets but others can read it (mode 644)`);
    expect(refused.stderr).toContain(`chmod 600 ${file}`);
    expect(refused.stderr).not.toContain(options.clientSecret);
    chmodSync(file, 0o600);
    const accepted = await runInProcess(["sophos-central", "GET", "/whoami/v1", "--jq", ".idType"], env);
    expect(accepted.stdout).toBe("tenant\n");
  });

  it("refuses a readable file holding another vendor's secret too", async () => {
    const dir = scratch();
    const file = profile(dir, "config.toml", `[default.fortiauthenticator]\npassword = "hunter2-not-real"\n`, 0o640);
    const env = cleanEnv({ ...envFor("sophos-central", emulator.clientOptions(), dir), SECFETCH_CONFIG: file }, dir);
    const refused = await runInProcess(["sophos-central", "GET", "/whoami/v1"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("(mode 640)");
    expect(refused.stderr).not.toContain("hunter2");
  });

  it("environment variables win over the profile", async () => {
    const dir = scratch();
    const options = emulator.clientOptions();
    const file = profile(dir, "config.toml", `[default.sophos-central]\nclientSecret = "not-the-secret"\n`, 0o600);
    const env = cleanEnv({ ...envFor("sophos-central", options, dir), SECFETCH_CONFIG: file }, dir);
    const { code } = await runInProcess(["sophos-central", "GET", "/whoami/v1"], env);
    expect(code).toBe(0);
  });
});
