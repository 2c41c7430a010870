import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSophosCentralEmulator } from "@secfetch/emulators";
import { step, type Report } from "../report.js";

/** The built `secfetch` bin of @secfetch/cli. */
const BIN = path.join(path.dirname(createRequire(import.meta.url).resolve("@secfetch/cli/package.json")), "dist", "bin.js");

/** Runs `secfetch args…` as a shell would: a child process, its output piped. */
function secfetch(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The `secfetch` command: the same sign-in and paging from a shell, pointed at the emulator by the variables `secfetch emulate` prints. */
export async function runCli(report: Report): Promise<void> {
  const emulator = await startSophosCentralEmulator();
  // A home of its own: the demo never reads the user's profile file.
  const home = mkdtempSync(path.join(tmpdir(), "secfetch-demo-cli-"));
  report.section("secfetch CLI", `the secfetch command against the Sophos Central emulator at ${emulator.url}`);
  const { baseUrl, idUrl, clientId, clientSecret } = emulator.clientOptions();
  report.secret(clientSecret);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    SECFETCH_CONFIG: path.join(home, "none.toml"),
    SECFETCH_SOPHOS_CENTRAL_BASE_URL: baseUrl,
    SECFETCH_SOPHOS_CENTRAL_ID_URL: idUrl,
    SECFETCH_SOPHOS_CENTRAL_CLIENT_ID: clientId,
    SECFETCH_SOPHOS_CENTRAL_CLIENT_SECRET: clientSecret,
  };
  try {
    await step(report, "paged walk to JSON lines", async (claims) => {
      const before = emulator.count("GET /endpoint/v1/endpoints");
      const { code, stdout, stderr } = await secfetch(["sophos-central", "GET", "/endpoint/v1/endpoints", "--paginate", "-q", "pageSize=10"], env);
      const lines = stdout.split("\n").filter(Boolean);
      const pages = emulator.count("GET /endpoint/v1/endpoints") - before;
      claims.equal("exit code", code, 0);
      claims.equal("JSON lines", lines.length, emulator.endpoints(emulator.ids.tenant).length);
      claims.equal("stderr when piped", stderr, "");
      return `secfetch sophos-central GET /endpoint/v1/endpoints --paginate | wc -l → ${lines.length}: one JSON line per endpoint, ${pages} pages`;
    });
    await step(report, "a refused secret", async (claims) => {
      const wrong = "demo-wrong-secret-0b9e";
      report.secret(wrong);
      const { code, stdout, stderr } = await secfetch(["sophos-central", "GET", "/endpoint/v1/endpoints"], { ...env, SECFETCH_SOPHOS_CENTRAL_CLIENT_SECRET: wrong });
      claims.equal("exit code (authentication)", code, 3);
      claims.that(!`${stdout}${stderr}`.includes(wrong), "the wrong secret to stay out of the output", "it was printed");
      return `a wrong secret: exit ${String(code)}, "${stderr.split("\n")[0]!.slice(0, 90)}…", the secret not printed`;
    });
  } finally {
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  }
}
