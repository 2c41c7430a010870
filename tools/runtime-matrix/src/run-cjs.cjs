// The same smoke suite with the vendor packages loaded by require(), as a CommonJS user would
// (Node 20.19+ and 22.12+ load ES modules through require).
const { smoke } = require("./smoke.mjs");

const modules = {
  paloAlto: require("@secfetch/paloalto-saas-security"),
  sophos: require("@secfetch/sophos-central"),
  forti: require("@secfetch/fortiauthenticator"),
  forcepoint: require("@secfetch/forcepoint-one"),
  insights: require("@secfetch/forcepoint-one-insights"),
  ennov: require("@secfetch/ennov-insight"),
};
const config = JSON.parse(process.env.SECFETCH_MATRIX_CONFIG);
smoke(modules, config).then((results) => console.log(`SMOKE-RESULT ${JSON.stringify(results)}`));
