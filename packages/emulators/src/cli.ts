#!/usr/bin/env node
/**
 * `npx @secfetch/emulators <vendor> [--port N]`: starts one emulator in the foreground and prints
 * where it listens and the demo credentials it accepts, so any tool (curl, Postman, a collector
 * under test) can be pointed at it. Ctrl+C stops it.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { ENNOV_INSIGHT_DEMO_CREDENTIALS, startEnnovInsightEmulator } from "./ennov-insight/index.js";
import { FORCEPOINT_ONE_DEMO_CREDENTIALS, startForcepointOneEmulator } from "./forcepoint-one/index.js";
import { FORCEPOINT_ONE_INSIGHTS_DEMO_KEY, startForcepointOneInsightsEmulator } from "./forcepoint-one-insights/index.js";
import { FORTIAUTHENTICATOR_DEMO, startFortiAuthenticatorEmulator } from "./fortiauthenticator/index.js";
import { PALOALTO_SAAS_SECURITY_DEMO_CLIENT } from "./paloalto-saas-security/options.js";
import { startPaloAltoSaasSecurityEmulator } from "./paloalto-saas-security/emulator.js";
import { startSophosCentralEmulator } from "./sophos-central/index.js";

interface Started {
  /** Lines to print: where it listens and what to sign in with. */
  readonly lines: string[];
  close(): Promise<void>;
}

type Starter = (port: number | undefined) => Promise<Started>;

const VENDORS: Record<string, Starter> = {
  async "paloalto-saas-security"(port) {
    const emulator = await startPaloAltoSaasSecurityEmulator({ port });
    const { clientId, clientSecret } = PALOALTO_SAAS_SECURITY_DEMO_CLIENT;
    return { lines: [`API and token host  ${emulator.url}`, `clientId            ${clientId}`, `clientSecret        ${clientSecret}`], close: emulator.close };
  },
  async "sophos-central"(port) {
    if (port !== undefined) throw new UsageError("sophos-central runs an identity host, a global host and region hosts, each on a free port: leave out --port");
    const emulator = await startSophosCentralEmulator();
    const lines = [`identity host (idUrl)   ${emulator.idUrl}`, `global host (baseUrl)   ${emulator.url}`];
    for (const [region, url] of Object.entries(emulator.regionUrls)) lines.push(`region ${region.padEnd(16)} ${url}`);
    for (const [kind, credential] of Object.entries(emulator.credentials)) lines.push(`${kind} credential`.padEnd(24) + `clientId ${credential.clientId}  clientSecret ${credential.clientSecret}`);
    return { lines, close: emulator.close };
  },
  async fortiauthenticator(port) {
    const emulator = await startFortiAuthenticatorEmulator({ port });
    const caFile = path.join(tmpdir(), `secfetch-fortiauthenticator-ca-${process.pid}.pem`);
    writeFileSync(caFile, emulator.ca);
    const { confidentialApp, admin, users, password } = FORTIAUTHENTICATOR_DEMO;
    return {
      lines: [
        `appliance (HTTPS)   ${emulator.url}`,
        `its CA certificate  ${caFile}  (curl --cacert, NODE_EXTRA_CA_CERTS, or the client's ca option)`,
        `OAuth app           clientId ${confidentialApp.clientId}  clientSecret ${confidentialApp.clientSecret}`,
        `users               ${Object.values(users).join(", ")}  password ${password}`,
        `admin access key    user ${admin.username}  key ${admin.accessKey}`,
      ],
      close: emulator.close,
    };
  },
  async "forcepoint-one"(port) {
    const emulator = await startForcepointOneEmulator({ port });
    const { token, username, password } = FORCEPOINT_ONE_DEMO_CREDENTIALS;
    return { lines: [`portal   ${emulator.url}`, `token    ${token}`, `Basic    ${username} / ${password}`], close: emulator.close };
  },
  async "forcepoint-one-insights"(port) {
    const emulator = await startForcepointOneInsightsEmulator({ port });
    return { lines: [`Insights host (baseUrl)   ${emulator.url}`, `platform host (portalUrl) ${emulator.portalUrl}`, `apiKey                    ${FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey}`], close: emulator.close };
  },
  async "ennov-insight"(port) {
    const emulator = await startEnnovInsightEmulator({ port });
    const lines = [`InSight server (baseUrl)   ${emulator.url}`, `Entra ID (loginUrl)        ${emulator.loginUrl}`];
    for (const [name, value] of Object.entries(ENNOV_INSIGHT_DEMO_CREDENTIALS)) lines.push(`${name.padEnd(27)}${value}`);
    return { lines, close: emulator.close };
  },
};

class UsageError extends Error {}

const USAGE = `Usage: npx @secfetch/emulators <vendor> [--port N]\nVendors: ${Object.keys(VENDORS).join(", ")}`;

function parseArguments(argv: readonly string[]): { vendor: string; port: number | undefined } {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
  }
  const rest = [...argv];
  let port: number | undefined;
  const at = rest.findIndex((arg) => arg === "--port" || arg.startsWith("--port="));
  if (at >= 0) {
    const [flag] = rest.splice(at, 1);
    const raw = flag!.includes("=") ? flag!.slice("--port=".length) : rest.splice(at, 1)[0];
    port = /^\d{1,5}$/.test(raw ?? "") ? Number(raw) : NaN;
    if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port takes a TCP port from 0 to 65535, not "${raw ?? ""}"`);
  }
  if (rest.length !== 1 || rest[0]!.startsWith("-")) throw new UsageError(rest.length === 0 ? "Name a vendor" : `Unexpected arguments: ${rest.join(" ")}`);
  const vendor = rest[0]!;
  if (!(vendor in VENDORS)) throw new UsageError(`Unknown vendor "${vendor}"`);
  return { vendor, port };
}

try {
  const { vendor, port } = parseArguments(process.argv.slice(2));
  const started = await VENDORS[vendor]!(port);
  console.log(`${vendor} emulator on 127.0.0.1 (demo credentials; they work only here)`);
  for (const line of started.lines) console.log(`  ${line}`);
  console.log("Ctrl+C stops it.");
  const stop = () => void started.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
