import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startForcepointOneEmulator, startSophosCentralEmulator, type ForcepointOneEmulator, type SophosCentralEmulator } from "@secfetch/emulators";
import { cleanEnv, envFor, runCli, scratch } from "./run-cli.js";

const lines = (stdout: string) => stdout.split("\n").filter(Boolean);

describe("--paginate --checkpoint FILE resumes a walk", () => {
  let sophos: SophosCentralEmulator;
  let forcepoint: ForcepointOneEmulator;
  let dir: string;
  let sophosEnv: Record<string, string>;
  let forcepointEnv: Record<string, string>;

  beforeAll(async () => {
    [sophos, forcepoint] = await Promise.all([startSophosCentralEmulator(), startForcepointOneEmulator({ logs: { cloudaudit: 120 }, pageSize: 50 })]);
    dir = scratch();
    sophosEnv = cleanEnv(envFor("sophos-central", sophos.clientOptions(), dir), dir);
    forcepointEnv = cleanEnv(envFor("forcepoint-one", forcepoint.clientOptions(), dir), dir);
  });
  afterAll(async () => {
    await Promise.all([sophos?.close(), forcepoint?.close()]);
  });

  it("stops after --max-pages, then goes on from the checkpoint to the end, with nothing read twice", async () => {
    const file = path.join(dir, "endpoints.json");
    const args = ["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "-q", "pageSize=5", "--checkpoint", file];
    const first = await runCli([...args, "--max-pages", "2"], { env: sophosEnv });
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toHaveLength(10);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ vendor: "sophos-central", path: "/endpoint/v1/endpoints", pages: 2, items: 10 });

    const second = await runCli(args, { env: sophosEnv });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("resuming from");
    const all = [...lines(first.stdout), ...lines(second.stdout)].map((line) => (JSON.parse(line) as { id: string }).id);
    const expected = sophos.endpoints(sophos.ids.tenant).map((endpoint) => endpoint.id);
    expect(all).toHaveLength(expected.length);
    expect([...all].sort()).toEqual([...expected].sort());

    const third = await runCli(args, { env: sophosEnv });
    expect(third.code).toBe(0);
    expect(third.stdout).toBe("");
    expect(third.stderr).toContain("already reached its end");
  });

  it("a Sophos SIEM feed: a later run reads only what arrived since", async () => {
    const file = path.join(dir, "siem.json");
    const args = ["sophos-central", "GET", "/siem/v1/events", "--paginate", "-q", "limit=15", "--checkpoint", file, "--quiet"];
    const first = await runCli(args, { env: sophosEnv });
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toHaveLength(40);
    sophos.appendSiemEvents(sophos.ids.tenant, 4);
    const second = await runCli(args, { env: sophosEnv });
    expect(second.code).toBe(0);
    expect(second.stderr).toBe("");
    const fresh = lines(second.stdout).map((line) => (JSON.parse(line) as { id: string }).id);
    expect(fresh).toHaveLength(4);
    const seen = new Set(lines(first.stdout).map((line) => (JSON.parse(line) as { id: string }).id));
    expect(fresh.some((id) => seen.has(id))).toBe(false);
  });

  it("a Forcepoint ONE log export (page tokens, CSV pages parsed): resumes after a failed page", async () => {
    const file = path.join(dir, "logs.json");
    const args = ["forcepoint-one", "GET", "/api/bitglassapi/logs", "--paginate", "-q", "type=cloudaudit", "-q", "cv=1.1.5", "-q", "responseformat=csv", "-q", "startdate=2020-01-01T00:00:00Z", "--checkpoint", file, "--max-retries", "0"];
    const first = await runCli([...args, "--max-pages", "1"], { env: forcepointEnv });
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toHaveLength(50);
    // The next page fails on the server: the walk stops with exit 5, the checkpoint stays where it was.
    forcepoint.injectFault({ path: "/api/bitglassapi/logs", status: 500 });
    const failed = await runCli(args, { env: forcepointEnv });
    expect(failed.code).toBe(5);
    expect(failed.stdout).toBe("");
    const rest = await runCli(args, { env: forcepointEnv });
    expect(rest.code).toBe(0);
    const records = [...lines(first.stdout), ...lines(rest.stdout)].map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(120);
    forcepoint.appendLogs("cloudaudit", 3);
    const later = await runCli(args, { env: forcepointEnv });
    expect(lines(later.stdout)).toHaveLength(3);
  });
});
