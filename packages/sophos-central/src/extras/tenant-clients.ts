import { ConfigurationError, type ClientContext } from "@secfetch/auth";
import type { SophosCentralBaseClient, SophosCentralJobs, SophosCentralPages, SophosCentralPaths } from "../generated/client.js";
import { TenantNotReadyError } from "./tenant-not-ready-error.js";
import type { SophosCentralTenant } from "./tenants.js";

/** What `forTenant()` needs of a tenant: an item of `tenants()` has it all. */
export type TenantRef = Pick<SophosCentralTenant, "id" | "name" | "apiHost">;

/**
 * `forTenant(tenant)`: a client that calls the tenant's data-region host with its `X-Tenant-ID`
 * and shares the partner's (or organization's) token. One client per tenant, made on first use:
 * a collector that asks again each run gets the same one, and no new sign-in either way.
 *
 * The host comes from the tenant object, so it is checked before it ever sees the token: only
 * `https://*.central.sophos.com` (or, against a loopback emulator, loopback hosts) unless the
 * factory's `isTrustedApiHost` says otherwise.
 */
export function createTenantClients<C>(
  context: ClientContext<SophosCentralPaths, SophosCentralPages, SophosCentralJobs>,
  extend: (tenantClient: SophosCentralBaseClient) => C,
): (tenant: TenantRef) => C {
  // Keyed by id, holding the host it was made for: the same id with another host (a changed or
  // tampered object) gets a client of its own, after its own trust check.
  const made = new Map<string, { apiHost: string; client: C }>();
  return (tenant) => {
    if (typeof tenant?.id !== "string" || tenant.id.length === 0) {
      throw new ConfigurationError("@secfetch/sophos-central: forTenant() needs a tenant with an `id`.", {
        option: "tenant",
        hint: "Pass a tenant object from `client.tenants()`.",
      });
    }
    if (!tenant.apiHost) throw new TenantNotReadyError(tenant);
    const apiHost = hostRoot(tenant);
    const cached = made.get(tenant.id);
    if (cached?.apiHost === apiHost) return cached.client;
    const tenantClient = extend(context.derive({ baseUrl: apiHost, headers: { "X-Tenant-ID": tenant.id } }));
    made.set(tenant.id, { apiHost, client: tenantClient });
    return tenantClient;
  };
}

function hostRoot(tenant: TenantRef): string {
  let url: URL | undefined;
  try {
    url = new URL(tenant.apiHost ?? "");
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConfigurationError(`@secfetch/sophos-central: tenant ${tenant.id} has an apiHost that is not an http(s) URL.`, {
      option: "tenant.apiHost",
      hint: "Pass the tenant object as `client.tenants()` returned it.",
    });
  }
  // The host root only: a path or query smuggled into the value never reaches the request URL.
  return url.origin;
}
