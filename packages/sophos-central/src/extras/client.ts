import { createApiClient, type ClientContext, type DelegateListOptions } from "@secfetch/auth";
import {
  definition,
  type SophosCentralBaseClient,
  type SophosCentralClientOptions,
  type SophosCentralJobs,
  type SophosCentralPages,
  type SophosCentralPaths,
} from "../generated/client.js";
import type { components } from "../generated/schema.js";
import { createSiemReaders } from "./siem.js";
import { TenantNotReadyError } from "./tenant-not-ready-error.js";

/** A tenant as the partner and organization tenant lists give it. */
export type SophosCentralTenant = components["schemas"]["Tenant"];

/** What `forTenant()` needs of a tenant: an item of `tenants()` has it all. */
export type TenantRef = Pick<SophosCentralTenant, "id" | "name" | "apiHost">;

/** Options of `client.tenants()`: `pageSize` (1 to 100, default 100, so a long list takes the fewest calls) and `signal`. */
export type TenantListOptions = DelegateListOptions;

/** A client for one tenant: the typed API plus the SIEM readers. `forTenant()` returns it. */
export type SophosCentralTenantClient = SophosCentralBaseClient & ReturnType<typeof createSiemReaders>;

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

/** A Sophos Central client: openapi-fetch typed by the spec, with `paginate`, `auth`, SIEM readers, and tenants for partners and organizations. */
export type SophosCentralClient = SophosCentralTenantClient & SophosCentralIdentityMethods;

/**
 * Creates a Sophos Central client. It signs in as the spec declares, asks `whoami` who the
 * credential is and routes every call by the answer, keeps the token fresh, retries what is safe
 * to retry and replays once after a refusal.
 * @throws ConfigurationError synchronously, for a missing or malformed option.
 */
export function createSophosCentralClient(options: SophosCentralClientOptions): SophosCentralClient {
  return createApiClient<SophosCentralPaths, SophosCentralPages, SophosCentralJobs, SophosCentralClient>(definition, options, extendClient);
}

/**
 * Adds Sophos's names for what the spec declares (`whoami`, and the tenants as `discover.delegates`)
 * and the SIEM readers to the engine's client and to every tenant client.
 */
function extendClient(client: SophosCentralBaseClient, context: ClientContext<SophosCentralPaths, SophosCentralPages, SophosCentralJobs>): SophosCentralClient {
  const withSiem = (target: SophosCentralBaseClient): SophosCentralTenantClient =>
    "siemEvents" in target ? (target as SophosCentralTenantClient) : Object.assign(target, createSiemReaders(target));
  const methods: SophosCentralIdentityMethods = {
    async whoami() {
      const identity = await context.identity();
      // A copy: the caller may change it without touching what the client routes by.
      return structuredClone(identity.body) as components["schemas"]["WhoAmI"];
    },
    tenants: (options) => context.delegates(options) as AsyncIterable<SophosCentralTenant>,
    forTenant(tenant) {
      const tenantClient = context.delegateClient(tenant);
      if (!tenantClient) throw new TenantNotReadyError(tenant);
      return withSiem(tenantClient);
    },
  };
  return Object.assign(withSiem(client), methods);
}
