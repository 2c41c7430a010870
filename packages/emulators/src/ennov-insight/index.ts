// Ennov InSight REST API v2, signed in through Microsoft Entra ID (ROPC) and a CSRF-guarded session
export { startEnnovInsightEmulator } from "./emulator.js";
export type { EnnovInsightEmulator } from "./emulator.js";
export { AZURE_TOKEN_ROUTE as ENNOV_INSIGHT_AZURE_TOKEN_ROUTE } from "./azure-server.js";
export { ENNOV_INSIGHT_DEMO_CREDENTIALS, ENNOV_INSIGHT_DEMO_MFA_USER } from "./options.js";
export type {
  EnnovInsightAzureApp,
  EnnovInsightAzureUser,
  EnnovInsightEmulatorOptions,
  ResolvedOptions as EnnovInsightResolvedOptions,
} from "./options.js";
export { signInToEnnovInsightEmulator } from "./sign-in.js";
export type { EnnovInsightSignInCredentials, EnnovInsightSignedInSession } from "./sign-in.js";
export { ENNOV_INSIGHT_ENTITIES } from "./types.js";
export type {
  EnnovInsightApplication,
  EnnovInsightEntityName,
  EnnovInsightEvent,
  EnnovInsightEventCountry,
  EnnovInsightLicense,
} from "./types.js";
