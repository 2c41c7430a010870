/** Hand-written additions to the generated Sophos Central client: tenants, per-tenant clients, SIEM cursors. */
export { TenantNotReadyError } from "./tenant-not-ready-error.js";
export type { SophosCentralIdentityMethods, SophosCentralTenantClient } from "./client.js";
export type { SophosCentralTenant, TenantListOptions } from "./tenants.js";
export type { TenantRef } from "./tenant-clients.js";
export type { SiemAlert, SiemBatch, SiemEvent, SiemReadOptions } from "./siem.js";
