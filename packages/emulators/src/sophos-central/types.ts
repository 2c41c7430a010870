/**
 * Data shapes of the Sophos Central emulator. They follow `specs/sophos-central/openapi.yaml`.
 */

/** The kinds of API credential Sophos Central issues. */
export type SophosPrincipalType = "tenant" | "partner" | "organization";

/** Answer of `GET /whoami/v1`. */
export interface SophosWhoAmI {
  id: string;
  idType: SophosPrincipalType;
  apiHosts: { global: string; dataRegion?: string };
}

/** A tenant as the partner and organization tenant lists show it. */
export interface SophosTenant {
  id: string;
  name: string;
  showAs: string;
  dataGeography: string;
  /** Absent while the tenant is not provisioned. */
  dataRegion?: string;
  billingType: "trial" | "term" | "usage";
  partner: { id: string };
  organization?: { id: string };
  /** The tenant's data-region host root; absent while the tenant is not provisioned. */
  apiHost?: string;
  /** Absent while the tenant is not provisioned. */
  status?: string;
}

/** Isolation settings of one endpoint. */
export interface SophosIsolationSettings {
  enabled: boolean;
  lastEnabledAt?: string;
  lastEnabledBy?: SophosIsolationActor;
  lastDisabledAt?: string;
  lastDisabledBy?: SophosIsolationActor;
  comment?: string;
}

/** Who changed isolation. */
export interface SophosIsolationActor {
  id: string;
  type: "user" | "system" | "service";
  name: string;
  accountType: SophosPrincipalType;
  accountId: string;
}

/** Tamper-protection settings of one endpoint. */
export interface SophosTamperProtection {
  enabled: boolean;
  password: string;
  previousPasswords: Array<{ password: string; invalidatedAt: string }>;
}

/** An endpoint in the `full` view. */
export interface SophosEndpoint {
  id: string;
  type: "computer" | "server";
  tenant: { id: string };
  hostname: string;
  health: {
    overall: "good" | "suspicious" | "bad" | "unknown";
    threats: { status: string };
    services: { status: string; serviceDetails: Array<{ name: string; status: "running" | "stopped" | "missing" }> };
  };
  os: { isServer: boolean; platform: "windows" | "linux" | "macOS"; name: string; majorVersion: number; minorVersion: number; build: number };
  ipv4Addresses: string[];
  ipv6Addresses: string[];
  macAddresses: string[];
  group: { id: string; name: string };
  associatedPerson: { id: string; name: string; viaLogin: string };
  tamperProtectionSupported: boolean;
  tamperProtectionEnabled: boolean;
  assignedProducts: Array<{ code: string; version: string; status: "installed" | "notInstalled" }>;
  lastSeenAt: string;
  lastOsUpdateAt: string;
  lastAgentUpdateAt: string;
  serialNumber: string;
  encryption: { volumes: Array<{ volumeId: string; status: string }>; overallStatus: string };
  lockdown: { status: string; updateStatus: string };
  online: boolean;
  /** Only for cloud instances. */
  cloud?: { provider: "aws" | "azure"; instanceId: string };
  isolation: { status: "isolated" | "notIsolated"; adminIsolated: boolean; selfIsolated: boolean };
  cloned: boolean;
}

/** An alert of the Common API. */
export interface SophosAlert {
  id: string;
  allowedActions: string[];
  category: string;
  description: string;
  groupKey: string;
  managedAgent: { id: string; type: string; name: string };
  person: { id: string; name: string };
  product: string;
  raisedAt: string;
  severity: "low" | "medium" | "high";
  tenant: { id: string; name: string };
  type: string;
}

/** One item of `GET /siem/v1/events`. */
export interface SophosSiemEvent {
  id: string;
  type: string;
  name: string;
  severity: "low" | "medium" | "high";
  group: string;
  when: string;
  created_at: string;
  customer_id: string;
  endpoint_id: string;
  endpoint_type: string;
  location: string;
  source: string;
  source_info: { ip: string };
  origin: string | null;
  user_id?: string;
  threat?: string;
}

/** One item of `GET /siem/v1/alerts`. */
export interface SophosSiemAlert {
  id: string;
  type: string;
  description: string;
  severity: "low" | "medium" | "high";
  when: string;
  created_at: string;
  customer_id: string;
  location: string;
  source: string;
  threat: string;
  threat_cleanable: boolean;
  event_service_event_id: string;
  data: Record<string, unknown>;
}
