// workerd: the smoke suite as a Worker, bundled by esbuild with workerd's conditions. The
// orchestrator POSTs the emulators' config and reads the results as JSON.
import * as ennov from "@secfetch/ennov-insight";
import * as forcepoint from "@secfetch/forcepoint-one";
import * as insights from "@secfetch/forcepoint-one-insights";
import * as forti from "@secfetch/fortiauthenticator";
import * as paloAlto from "@secfetch/paloalto-saas-security";
import * as sophos from "@secfetch/sophos-central";
import { smoke } from "./smoke.mjs";

const modules = { paloAlto, sophos, forti, forcepoint, insights, ennov };

export default {
  async fetch(request) {
    const config = await request.json();
    return Response.json(await smoke(modules, config));
  },
};
