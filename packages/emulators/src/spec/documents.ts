import { openApiDocument as ennovInsight } from "../ennov-insight/generated/openapi.js";
import { openApiDocument as forcepointOne } from "../forcepoint-one/generated/openapi.js";
import { openApiDocument as forcepointOneInsights } from "../forcepoint-one-insights/generated/openapi.js";
import { openApiDocument as fortiAuthenticator } from "../fortiauthenticator/generated/openapi.js";
import { openApiDocument as paloAltoSaasSecurity } from "../paloalto-saas-security/generated/openapi.js";
import { openApiDocument as sophosCentral } from "../sophos-central/generated/openapi.js";
import type { OpenApiDocument } from "./document.js";

/** Every bundled vendor document by the vendor's folder name (`specs/<vendor>`), prose left out. */
export const OPENAPI_DOCUMENTS: Readonly<Record<string, OpenApiDocument>> = {
  "ennov-insight": ennovInsight,
  "forcepoint-one": forcepointOne,
  "forcepoint-one-insights": forcepointOneInsights,
  fortiauthenticator: fortiAuthenticator,
  "paloalto-saas-security": paloAltoSaasSecurity,
  "sophos-central": sophosCentral,
};
