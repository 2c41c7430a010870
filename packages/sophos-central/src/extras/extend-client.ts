import { discoverIdentity, type SecfetchClient } from "@secfetch/auth";
import type { SophosCentralJobs, SophosCentralPages, SophosCentralPaths } from "../generated/client.js";
import type { components } from "../generated/schema.js";
import { createSiemReaders } from "./siem.js";
import { createTenantClients, type TenantRef } from "./tenant-clients.js";
import { listTenants, type SophosCentralTenant, type TenantListOptions } from "./tenants.js";

type BaseClient = SecfetchClient<SophosCentralPaths, SophosCentralPages, SophosCentralJobs>;

/** A client for one tenant: the typed API plus the SIEM readers. `forTenant()` returns it. */
export type SophosCentralTenantClient = BaseClient & ReturnType<typeof createSiemReaders>;

/** What the Sophos Central client adds to the generated one. */
export interface SophosCentralIdentityMethods {
  /**
   * Who the credential is: `whoami`'s answer (`id`, `idType`, `apiHosts`). The client asks once,
   * right after its first token, and routes every call by it; this reads that answer, no extra call.
   */
  whoami(): Promise<components["schemas"]["WhoAmI"]>;
  /**
   * Every tenant of a partner or organization credential, page by page (100 a page). Tenants
   * without `apiHost` are not provisioned yet: `forTenant()` throws `TenantNotReadyError` for them.
   * @throws ConfigurationError for a tenant credential.
   */
  tenants(options?: TenantListOptions): AsyncIterable<SophosCentralTenant>;
  /**
   * A client for one tenant (an item of `tenants()`): calls go to its `apiHost` with its
   * `X-Tenant-ID`, on this client's token. The same tenant gets the same client every time.
   * @throws TenantNotReadyError when the tenant has no `apiHost`.
   * @throws AuthenticationError (`code: "untrusted_api_host"`) when `apiHost` is not a trusted host.
   */
  forTenant(tenant: TenantRef): SophosCentralTenantClient;
}

/**
 * Adds Sophos's partner, organization and SIEM helpers to the generated client. The generated
 * factory calls this; the client object stays the same one, so engine functions that look it
 * up (`discoverIdentity`, `deriveClient`) keep working on it.
 */
export function extendClient(client: BaseClient): SophosCentralTenantClient & SophosCentralIdentityMethods {
  const withSiem = (target: BaseClient): SophosCentralTenantClient => Object.assign(target, createSiemReaders(target));
  const methods: SophosCentralIdentityMethods = {
    async whoami() {
      const identity = await discoverIdentity(client);
      // A copy: the caller may change it without touching what the client routes by.
      return structuredClone(identity.body) as components["schemas"]["WhoAmI"];
    },
    tenants: (options) => listTenants(client, options),
    forTenant: createTenantClients(client, withSiem),
  };
  return Object.assign(withSiem(client), methods);
}
