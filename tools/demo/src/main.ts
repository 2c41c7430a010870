import { createReport } from "./report.js";
import { runEnnovInsight } from "./vendors/ennov-insight.js";
import { runForcepointOne } from "./vendors/forcepoint-one.js";
import { runFortiAuthenticator } from "./vendors/fortiauthenticator.js";
import { runPaloAltoSaasSecurity } from "./vendors/paloalto-saas-security.js";
import { runSophosCentral } from "./vendors/sophos-central.js";

/** One entry per vendor client; each starts its own emulator and closes it. */
const vendors = [runPaloAltoSaasSecurity, runSophosCentral, runFortiAuthenticator, runForcepointOne, runEnnovInsight];

const report = createReport();
console.log("secfetch demo: every vendor client, through its real token flow, against the local emulators");
for (const run of vendors) await run(report);
console.log("");
if (report.failures > 0) {
  console.log(`${report.failures} step(s) failed.`);
  process.exitCode = 1;
} else {
  console.log("All steps passed. The same code runs against the real services: drop `baseUrl` and pass real credentials.");
}
