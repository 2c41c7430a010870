import { nameErrorClass, SecfetchError } from "@secfetch/auth";

/**
 * A tenant from the partner's or organization's list that has no `apiHost` yet: Sophos Central
 * has not provisioned its data region, so there is no host to call for it. Thrown by
 * `forTenant()`, so a loop over `tenants()` can catch it for that tenant and go on with the rest.
 *
 * @example
 * ```ts
 * for await (const tenant of client.tenants()) {
 *   try {
 *     await collect(client.forTenant(tenant));
 *   } catch (error) {
 *     if (error instanceof TenantNotReadyError) continue; // not provisioned yet: try next run
 *     throw error;
 *   }
 * }
 * ```
 */
export class TenantNotReadyError extends SecfetchError {
  static {
    // On the prototype, as the engine's own errors do, so `stack` already shows the class name.
    nameErrorClass(this, "TenantNotReadyError");
  }

  /** The tenant's id (its `X-Tenant-ID`). */
  readonly tenantId: string;
  /** The tenant's name, when the list gave one. */
  readonly tenantName: string | undefined;

  constructor(tenant: { id: string; name?: string | undefined }) {
    const label = tenant.name ? `"${tenant.name}" (${tenant.id})` : tenant.id;
    super(`@secfetch/sophos-central: tenant ${label} is not provisioned yet: the tenant list gives it no apiHost, so it has no data-region host to call.`, {
      hint: "Skip it for now; it gets an apiHost once Sophos Central has set up its data region.",
    });
    this.tenantId = tenant.id;
    this.tenantName = tenant.name;
  }

  protected override details(): Record<string, unknown> {
    return { tenantId: this.tenantId, tenantName: this.tenantName };
  }
}
