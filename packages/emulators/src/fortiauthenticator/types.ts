/**
 * Data shapes of the FortiAuthenticator emulator. They follow
 * `specs/fortiauthenticator/openapi.yaml` (what the appliance returns; write-only secrets are
 * kept apart by the emulator and never appear here).
 */

/** Second factors a sign-in account can have. `ftm-push` is FortiToken Mobile with push approval. */
export type FortiAuthenticatorMfaMethod = "ftm" | "ftm-push" | "ftk" | "email" | "sms";

/** `token_type` values of a local user. */
export type FortiAuthenticatorTokenType = "ftk" | "ftm" | "ftc" | "email" | "sms" | "dual";

/** OAuth grants the token endpoint knows. */
export type FortiAuthenticatorGrant = "password" | "authorization_code" | "refresh_token";

/** What a push poll reports. `denied` and `timeout` are this emulator's guesses (the vendor documents only the first two). */
export type FortiAuthenticatorPushStatus = "pending" | "success" | "denied" | "timeout";

/** A local user (`GET /api/v1/localusers/{id}/`). */
export interface FortiAuthenticatorLocalUser {
  id: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  address: string;
  city: string;
  state: string;
  country: string;
  custom1: string;
  custom2: string;
  custom3: string;
  active: boolean;
  reason: number | null;
  mobile_number: string;
  phone_number: string;
  /** Group URIs; computed from the groups' members. */
  user_groups: string[];
  token_auth: boolean;
  token_type: FortiAuthenticatorTokenType | null;
  token_serial: string;
  ftm_act_method: string;
  resource_uri: string;
}

/** A local user group (`GET /api/v1/usergroups/{id}/`). */
export interface FortiAuthenticatorUserGroup {
  id: number;
  name: string;
  users: string[];
  password_policy: string;
  resource_uri: string;
}

/** A FortiToken (`GET /api/v1/fortitokens/{id}/`). */
export interface FortiAuthenticatorFortiToken {
  id: number;
  serial: string;
  type: "ftk" | "ftm";
  status: "new" | "available" | "pending" | "assigned";
  locked: boolean;
  license: string;
  last_used_at: string | null;
  resource_uri: string;
}

/** A RADIUS client (`GET /api/v1/radiusclients/{id}/`); its secret is write-only. */
export interface FortiAuthenticatorRadiusClient {
  id: number;
  name: string;
  address: string;
  accounting_usage: boolean;
  disconnect: boolean;
  resource_uri: string;
}
