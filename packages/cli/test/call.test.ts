import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSophosCentralEmulator, type SophosCentralEmulator } from "@secfetch/emulators";
import { runInProcess } from "./in-process.js";
import { cleanEnv, envFor, runCli, scratch } from "./run-cli.js";

let emulator: SophosCentralEmulator;
let env: Record<string, string>;
let endpointCount: number;

beforeAll(async () => {
  emulator = await startSophosCentralEmulator();
  const dir = scratch();
  env = cleanEnv(envFor("sophos-central", emulator.clientOptions(), dir), dir);
  endpointCount = emulator.endpoints(emulator.ids.tenant).length;
});
afterAll(() => emulator?.close());

describe("secfetch <vendor> METHOD path against the Sophos Central emulator", () => {
  it("walks every page to one JSON line per endpoint", async () => {
    const { code, stdout, stderr } = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "-q", "pageSize=7"], { env });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(endpointCount);
    const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(new Set(ids).size).toBe(endpointCount);
    expect(ids.sort()).toEqual(emulator.endpoints(emulator.ids.tenant).map((endpoint) => endpoint.id).sort());
  });

  it("fills a path parameter typed inline, and one given with -p", async () => {
    const id = emulator.endpoints(emulator.ids.tenant)[0]!.id;
    const inline = await runInProcess(["sophos-central", "GET", `/endpoint/v1/endpoints/${id}`], env);
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.stdout)).toMatchObject({ id });
    const flagged = await runInProcess(["sophos-central", "get", "/endpoint/v1/endpoints/{endpointId}", "-p", `endpointId=${id}`, "--fields", "id,hostname"], env);
    expect(flagged.code).toBe(0);
    expect(Object.keys(JSON.parse(flagged.stdout) as object)).toEqual(["id", "hostname"]);
  });

  it("filters with --jq (jq itself): per item with --paginate, raw strings", async () => {
    const { code, stdout } = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "--jq", 'select(.type == "computer") | .hostname'], { env });
    expect(code).toBe(0);
    const expected = emulator.endpoints(emulator.ids.tenant).filter((endpoint) => endpoint.type === "computer").map((endpoint) => endpoint.hostname);
    expect(stdout.trimEnd().split("\n").sort()).toEqual([...expected].sort());
    const broken = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--jq", ".items[] |"], { env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^secfetch: --jq: syntax error/);
  });

  it("prints a table and CSV of a page's items", async () => {
    const table = await runInProcess(["sophos-central", "GET", "/endpoint/v1/endpoints", "-q", "pageSize=3", "--fields", "id,hostname", "--format", "table"], env);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+HOSTNAME$/);
    expect(table.stdout.trimEnd().split("\n")).toHaveLength(4);
    const csv = await runInProcess(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "--fields", "id,hostname", "--format", "csv"], env);
    expect(csv.stdout.split("\r\n")[0]).toBe("id,hostname");
    expect(csv.stdout.trimEnd().split("\r\n")).toHaveLength(endpointCount + 1);
  });

  it("rejects an unknown path, method or parameter with the closest ones from the spec (exit 2, nothing sent)", async () => {
    const before = emulator.count();
    const path = await runInProcess(["sophos-central", "GET", "/endpoint/v1/endpoint"], env);
    expect(path.code).toBe(2);
    expect(path.stderr).toContain("sophos-central has no operation on /endpoint/v1/endpoint.");
    expect(path.stderr).toContain("Closest: GET /endpoint/v1/endpoints");
    const method = await runInProcess(["sophos-central", "PUT", "/endpoint/v1/endpoints"], env);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain("PUT is not an operation of sophos-central /endpoint/v1/endpoints.");
    expect(method.stderr).toContain("It takes GET");
    const query = await runInProcess(["sophos-central", "GET", "/endpoint/v1/endpoints", "-q", "pagesize=2"], env);
    expect(query.code).toBe(2);
    expect(query.stderr).toContain('has no query parameter "pagesize". Did you mean pageSize?');
    const param = await runInProcess(["sophos-central", "GET", "/endpoint/v1/endpoints/{endpointId}", "-p", "endpointID=x"], env);
    expect(param.stderr).toContain('has no path parameter "endpointID". Did you mean endpointId?');
    const vendor = await runInProcess(["sophos-centrl", "GET", "/x"], env);
    expect(vendor.code).toBe(2);
    expect(vendor.stderr).toContain("Did you mean sophos-central?");
    expect(emulator.count()).toBe(before);
  });

  it("exits 4 on an API 4xx and prints the vendor's error body; exits 5 on a 5xx", async () => {
    const notFound = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints/00000000-0000-4000-8000-000000000000"], { env });
    expect(notFound.code).toBe(4);
    expect(notFound.stderr).toMatch(/^secfetch: sophos-central: GET \/endpoint\/v1\/endpoints\/\{endpointId\} answered HTTP 404/);
    expect(JSON.parse(notFound.stdout)).toHaveProperty("error");
    emulator.injectFault({ path: "/endpoint/v1/endpoints", status: 500, count: 3 });
    const failed = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--max-retries", "0"], { env });
    expect(failed.code).toBe(5);
    emulator.clearFaults();
  });

  it("exits 6 when a request outlives --timeout", async () => {
    emulator.injectFault({ path: "/endpoint/v1/endpoints", delayMs: 10_000 });
    const slow = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--timeout", "300", "--max-retries", "0"], { env });
    emulator.clearFaults();
    expect(slow.code).toBe(6);
    expect(slow.stderr).toMatch(/took longer than 300 ms/);
    expect(slow.stderr).toContain("Raise --timeout (milliseconds)");
  });

  it("refuses to call a sign-in step on the sign-in host as an API call", async () => {
    const { code, stderr } = await runInProcess(["ennov-insight", "POST", "/tenant-x/oauth2/v2.0/token"], env);
    expect(code).toBe(2);
    expect(stderr).toContain("is a sign-in step on the sign-in host");
  });

  it("refuses a wrong secret with exit 3 and never prints it", async () => {
    const secret = "wrong-secret-value-9f8e7d";
    const { code, stdout, stderr } = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--verbose"], { env: { ...env, SECFETCH_SOPHOS_CENTRAL_CLIENT_SECRET: secret } });
    expect(code).toBe(3);
    expect(stderr).toMatch(/refused the sign-in/);
    expect(stderr).toMatch(/\n {2}hint: /);
    expect(stdout + stderr).not.toContain(secret);
  });

  it("refuses a secret as a flag unless --allow-secret-args, without echoing it", async () => {
    const { clientSecret } = emulator.clientOptions();
    const refused = await runCli(["sophos-central", "GET", "/common/v1/alerts", "--client-secret", clientSecret], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--client-secret would put a secret on the command line");
    expect(refused.stderr).not.toContain(clientSecret);
    const allowed = await runCli(["sophos-central", "GET", "/common/v1/alerts", "--client-secret", clientSecret, "--allow-secret-args", "--jq", ".items | length"], { env });
    expect(allowed.code).toBe(0);
  });

  it("names the variables to set when no credentials are given and there is no terminal", async () => {
    const { code, stderr } = await runInProcess(["sophos-central", "GET", "/endpoint/v1/endpoints"], cleanEnv());
    expect(code).toBe(2);
    expect(stderr).toContain("missing SECFETCH_SOPHOS_CENTRAL_CLIENT_ID, SECFETCH_SOPHOS_CENTRAL_CLIENT_SECRET");
    expect(stderr).toContain("secfetch emulate sophos-central");
  });

  it("logs each request with --verbose on stderr, no secret, no query string", async () => {
    const { code, stdout, stderr } = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "-q", "pageSize=2", "--verbose"], { env });
    expect(code).toBe(0);
    expect(stderr).toMatch(/sophos-central: POST http:\/\/127\.0\.0\.1:\d+\/api\/v2\/oauth2\/token → 200 in \d+ ms \(sign-in\)/);
    expect(stderr).toMatch(/sophos-central: GET http:\/\/127\.0\.0\.1:\d+\/endpoint\/v1\/endpoints → 200/);
    expect(stderr).not.toContain("pageSize");
    expect(stderr).not.toContain(emulator.clientOptions().clientSecret);
    expect(JSON.parse(stdout)).toHaveProperty("items");
  });
});

describe("--as: a partner credential acts for one of its tenants (discover.delegates)", () => {
  it("routes to the tenant's host with its identity, and refuses an id the partner does not manage", async () => {
    const dir = scratch();
    const partnerEnv = cleanEnv(envFor("sophos-central", emulator.clientOptions("partner"), dir), dir);
    const tenant = emulator.tenants.find((candidate) => candidate.apiHost && emulator.endpoints(candidate.id).length > 0 && emulator.endpoints(candidate.id).length !== endpointCount)!;
    const walk = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "--as", tenant.id], { env: partnerEnv });
    expect(walk.stderr).toBe("");
    expect(walk.stdout.trimEnd().split("\n")).toHaveLength(emulator.endpoints(tenant.id).length);
    const unknown = await runCli(["sophos-central", "GET", "/endpoint/v1/endpoints", "--as", "00000000-0000-4000-8000-000000000000"], { env: partnerEnv });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("this credential acts for no such identity");
    expect(unknown.stderr).toContain("secfetch sophos-central GET /partner/v1/tenants");
  });
});
