/** Sophos Central: identity host, global host and data-region hosts. */
export { startSophosCentralEmulator } from "./emulator.js";
export type { SophosCentralEmulator, SophosFaultSpec } from "./emulator.js";
export { SOPHOS_CENTRAL_DEFAULT_TENANTS, SOPHOS_CENTRAL_DEMO_CREDENTIALS } from "./options.js";
export type { SophosCentralEmulatorOptions, SophosCredential, SophosTenantSeed } from "./options.js";
export type {
  SophosAlert,
  SophosEndpoint,
  SophosIsolationActor,
  SophosIsolationSettings,
  SophosPrincipalType,
  SophosSiemAlert,
  SophosSiemEvent,
  SophosTamperProtection,
  SophosTenant,
  SophosWhoAmI,
} from "./types.js";
