// Node, Bun and Deno: the vendor packages imported as a user's ES module would, each runtime
// resolving their package.json conditions itself.
import { smoke } from "./smoke.mjs";

const modules = {
  paloAlto: await import("@secfetch/paloalto-saas-security"),
  sophos: await import("@secfetch/sophos-central"),
  forti: await import("@secfetch/fortiauthenticator"),
  forcepoint: await import("@secfetch/forcepoint-one"),
  insights: await import("@secfetch/forcepoint-one-insights"),
  ennov: await import("@secfetch/ennov-insight"),
};
const config = JSON.parse(globalThis.process.env.SECFETCH_MATRIX_CONFIG);
console.log(`SMOKE-RESULT ${JSON.stringify(await smoke(modules, config))}`);
