/** Hand-written additions to the generated Sophos Central client: tenants, per-tenant clients, SIEM cursors. */
export { TenantNotReadyError } from "./tenant-not-ready-error.js";
export type { SophosCentralIdentityMethods, SophosCentralTenant, SophosCentralTenantClient, TenantListOptions, TenantRef } from "./client.js";
export type { SiemAlert, SiemBatch, SiemEvent, SiemReadOptions } from "./siem.js";
