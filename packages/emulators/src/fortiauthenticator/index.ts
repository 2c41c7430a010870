/**
 * Fortinet FortiAuthenticator emulator: an appliance's REST API over HTTPS with a certificate
 * made at start, the OAuth service (password with MFA and push, authorization code, rotating
 * refresh tokens) and the Tastypie directory resources.
 */
export { startFortiAuthenticatorEmulator } from "./emulator.js";
export type { FortiAuthenticatorEmulator } from "./emulator.js";
export type { AuthorizationCodeOptions, FortiAuthenticatorKnobs } from "./knobs.js";
export { FORTIAUTHENTICATOR_DEMO, FORTIAUTHENTICATOR_DEMO_ACCOUNTS } from "./options.js";
export type {
  FortiAuthenticatorAccount,
  FortiAuthenticatorAdmin,
  FortiAuthenticatorEmulatorOptions,
  FortiAuthenticatorOAuthApp,
} from "./options.js";
export type {
  FortiAuthenticatorFortiToken,
  FortiAuthenticatorGrant,
  FortiAuthenticatorLocalUser,
  FortiAuthenticatorMfaMethod,
  FortiAuthenticatorPushStatus,
  FortiAuthenticatorRadiusClient,
  FortiAuthenticatorTokenType,
  FortiAuthenticatorUserGroup,
} from "./types.js";
