import { createReport, type Report } from "./report.js";
import { runCli } from "./vendors/cli.js";
import { runEnnovInsight } from "./vendors/ennov-insight.js";
import { runForcepointOne } from "./vendors/forcepoint-one.js";
import { runForcepointOneInsights } from "./vendors/forcepoint-one-insights.js";
import { runFortiAuthenticator } from "./vendors/fortiauthenticator.js";
import { runPaloAltoSaasSecurity } from "./vendors/paloalto-saas-security.js";
import { runSophosCentral } from "./vendors/sophos-central.js";

/** One entry per vendor client (and the CLI); each starts its own emulator and closes it. */
const vendors: ReadonlyArray<[name: string, run: (report: Report) => Promise<void>]> = [
  ["Palo Alto Networks SaaS Security", runPaloAltoSaasSecurity],
  ["Sophos Central", runSophosCentral],
  ["Fortinet FortiAuthenticator", runFortiAuthenticator],
  ["Forcepoint ONE SSE", runForcepointOne],
  ["Forcepoint ONE Insights", runForcepointOneInsights],
  ["Ennov InSight", runEnnovInsight],
  ["secfetch CLI", runCli],
];

const report = createReport();
console.log("secfetch demo: every vendor client, through its real token flow, against the local emulators");
for (const [name, run] of vendors) {
  // A vendor that cannot go on (its emulator did not start, say) is a failure; the others still run.
  try {
    await run(report);
  } catch (error) {
    if (report.currentSection !== name) report.section(name);
    report.fail(`${name}: the demo could not go on`, error);
  }
}
console.log("");
if (report.failures > 0) {
  console.log(`${report.failures} step(s) failed (${report.failedSections.join(", ")}): see the ✗ lines above.`);
  process.exitCode = 1;
} else {
  console.log("All steps passed. The same code runs against the real services: drop `baseUrl` and pass real credentials.");
}
