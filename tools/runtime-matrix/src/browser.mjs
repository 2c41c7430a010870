// Chromium: the smoke suite bundled by esbuild for the browser, loaded by a page on its own
// origin, so every call to an emulator is a cross-origin fetch, as from a real web app.
import * as ennov from "@secfetch/ennov-insight";
import * as forcepoint from "@secfetch/forcepoint-one";
import * as insights from "@secfetch/forcepoint-one-insights";
import * as forti from "@secfetch/fortiauthenticator";
import * as paloAlto from "@secfetch/paloalto-saas-security";
import * as sophos from "@secfetch/sophos-central";
import { smoke } from "./smoke.mjs";

globalThis.runSmoke = (config) => smoke({ paloAlto, sophos, forti, forcepoint, insights, ennov }, config);
