/**
 * Data shapes of the Palo Alto Networks SaaS Security emulator. They follow
 * `specs/paloalto-saas-security/openapi.yaml`.
 */

/** OAuth scopes of the SaaS Security API. */
export type PaloAltoScope = "api_access" | "incident_api" | "remediation_api";

/** Every scope, in the order the API documents them. */
export const PALOALTO_SCOPES: readonly PaloAltoScope[] = ["api_access", "incident_api", "remediation_api"];

/** A cloud app instance (`GET /incident/api/apps`). */
export interface PaloAltoApp {
  app_id: string;
  app_name: string;
  app_type: string;
}

/** An incident (`GET /incident/api/incidents/{id}` and the items of the delta list). */
export interface PaloAltoIncident {
  incident_id: number;
  tenant: string;
  app_id: string;
  app_name: string;
  app_type: string;
  cloud_id: string;
  asset_id: string;
  asset_name: string;
  asset_sha256: string | null;
  asset_page_uri: string;
  asset_cloud_uri: string;
  asset_owner_id: string;
  asset_owner_name: string;
  asset_owner_email: string;
  exposure_type: number;
  exposure_level: "public" | "external" | "company" | "internal";
  policy_id: string;
  policy_name: string;
  policy_version: number;
  policy_page_uri: string;
  /** A word: `Informational`, `Low`, `Medium`, `High`, `Critical` (filter numbers 1..5). */
  severity: string;
  state: "open" | "closed";
  /** Console form, e.g. `Open-New`, `Closed-Business Justified`. */
  status: string;
  category: string;
  assigned_to: string | null;
  /** Only on closed incidents. */
  resolved_by?: string;
  /** Only on closed incidents. */
  resolution_date?: string;
  created_at: string;
  updated_at: string;
  group_ids: string[];
  collaborators: Array<Record<string, unknown> | string>;
  data_patterns: Array<Record<string, unknown> | string>;
}

/** Reasons the API accepts for closing an incident. */
export type PaloAltoCloseCategory = "no_reason" | "business_justified" | "misidentified";

/** Answer of `POST /incident/api/incidents/{id}/state`. */
export interface PaloAltoIncidentState {
  state: "open" | "closed";
  category: string;
  resolved_by: string | null;
  resolution_date: string | null;
}

/** Remediation actions on an asset. */
export type PaloAltoRemediationType = "remove_public_sharing" | "system_quarantine" | "system_restore";

/** Answer of `GET /remediation/api/assets`. */
export interface PaloAltoRemediationStatus {
  asset_id: string;
  asset_name: string;
  remediation_type: PaloAltoRemediationType;
  action_taker: string;
  /** `2021-08-24T17:09:53.547+0000` (offset without a colon, as the service sends it). */
  action_date: string;
  status: "pending" | "success";
}

/** One event of the read-once log queue; `log_type` says which kind. */
export type PaloAltoLogEvent = { log_type: PaloAltoLogType; timestamp: string } & Record<string, unknown>;

/** Kinds of log event. */
export type PaloAltoLogType = "policy_violation" | "activity_monitoring" | "remediation" | "incident" | "admin_audit";
