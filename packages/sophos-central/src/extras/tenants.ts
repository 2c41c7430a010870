import { ConfigurationError, type ClientContext } from "@secfetch/auth";
import type { SophosCentralBaseClient, SophosCentralJobs, SophosCentralPages, SophosCentralPaths } from "../generated/client.js";
import type { components } from "../generated/schema.js";

/** A tenant as the partner and organization tenant lists give it. */
export type SophosCentralTenant = components["schemas"]["Tenant"];

/** Options of `client.tenants()`. */
export interface TenantListOptions {
  /** Tenants per page, 1 to 100. Default `100` (the most Sophos allows), so a long list takes the fewest calls. */
  pageSize?: number | undefined;
  /** Stops the walk. */
  signal?: AbortSignal | undefined;
}

const DEFAULT_PAGE_SIZE = 100;

/**
 * Every tenant of a partner (`/partner/v1/tenants`) or organization (`/organization/v1/tenants`)
 * credential, chosen from what `whoami` said the credential is. Pages ask for `pageTotal=true`:
 * without it Sophos leaves out the page count the walk stops on.
 *
 * @throws ConfigurationError for a tenant credential, which has no tenant list.
 * @throws ApiError when a page fails.
 */
export async function* listTenants(
  client: SophosCentralBaseClient,
  context: ClientContext<SophosCentralPaths, SophosCentralPages, SophosCentralJobs>,
  options: TenantListOptions = {},
): AsyncGenerator<SophosCentralTenant, void, undefined> {
  const identity = await context.identity();
  const init = {
    params: { query: { pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, pageTotal: true } },
    ...(options.signal ? { signal: options.signal } : {}),
  };
  if (identity.kind === "partner") {
    yield* client.paginate("/partner/v1/tenants", init);
  } else if (identity.kind === "organization") {
    yield* client.paginate("/organization/v1/tenants", init);
  } else {
    throw new ConfigurationError(
      `@secfetch/sophos-central: tenants() lists the tenants of a partner or organization credential, and this is a ${identity.kind} credential.`,
      { hint: "A tenant credential already calls its own tenant: use this client's GET, paginate and siemEvents directly." },
    );
  }
}
