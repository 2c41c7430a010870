/**
 * @secfetch/emulators — local HTTP(S) servers on 127.0.0.1 that behave like security vendors'
 * APIs, as strictly as the real services, for the secfetch quickstart and your own tests.
 */

// Palo Alto Networks SaaS Security (Aperture)
export { startPaloAltoSaasSecurityEmulator } from "./paloalto-saas-security/emulator.js";
export type { PaloAltoSaasSecurityEmulator } from "./paloalto-saas-security/emulator.js";
export { PALOALTO_SAAS_SECURITY_DEMO_CLIENT } from "./paloalto-saas-security/options.js";
export type {
  PaloAltoSaasSecurityOAuthClient,
  PaloAltoSaasSecurityEmulatorOptions,
} from "./paloalto-saas-security/options.js";
export { PALOALTO_SCOPES } from "./paloalto-saas-security/types.js";
export type {
  PaloAltoApp,
  PaloAltoCloseCategory,
  PaloAltoIncident,
  PaloAltoIncidentState,
  PaloAltoLogEvent,
  PaloAltoLogType,
  PaloAltoRemediationStatus,
  PaloAltoRemediationType,
  PaloAltoScope,
} from "./paloalto-saas-security/types.js";

// Shared types every emulator uses
export type { EmulatorControls } from "./shared/emulator-controls.js";
export type { FaultSpec } from "./shared/faults.js";
export type { TlsOptions } from "./shared/loopback-server.js";
export type { RecordedRequest } from "./shared/request-log.js";
export * from "./ennov-insight/index.js";
export * from "./sophos-central/index.js";
export * from "./forcepoint-one/index.js";
export * from "./fortiauthenticator/index.js";
export * from "./forcepoint-one-insights/index.js";
