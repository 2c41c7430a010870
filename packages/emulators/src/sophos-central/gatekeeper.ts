import { parseAuthorization } from "../shared/authorization.js";
import { HttpError } from "../shared/http-helpers.js";
import type { Access, Caller, Environment, HostRequestContext as RequestContext } from "./context.js";
import { apiError, badRequest, forbidden, GATEWAY_UNAUTHORIZED } from "./errors.js";
import type { Principal } from "./state.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADER_OF = { partner: "X-Partner-ID", organization: "X-Organization-ID", tenant: "X-Tenant-ID" } as const;

/**
 * Checks the bearer token and, for partner, organization and tenant paths, the identity header
 * and the host, as Sophos Central does:
 *
 * - no, malformed, unknown or expired token → 401 `Unauthorized` (the gateway's body);
 * - the identity header missing → 401 (Sophos's troubleshooting article lists a missing
 *   `X-Tenant-ID`/`X-Partner-ID` among the causes of 401);
 * - another account's id, a tenant the caller does not manage, a credential of the wrong kind
 *   → 403 `Forbidden`;
 * - a tenant path on a data-region host other than the tenant's → 403 (our choice: the real
 *   answer is not documented).
 *
 * Partner and organization paths exist only on the global host and tenant paths only on the
 * data-region hosts; elsewhere the router answers 404 before this check.
 */
export function admit(ctx: RequestContext, env: Environment, access: Exclude<Access, "token">): Caller {
  const principal = bearerPrincipal(ctx, env);
  if (access === "whoami") return { principal };
  const id = identityHeader(ctx, HEADER_OF[access]);

  if (access === "partner" || access === "organization") {
    if (principal.type !== access) throw forbidden(`This credential is not a ${access} credential`);
    if (id.toLowerCase() !== principal.id) throw forbidden(`${HEADER_OF[access]} does not match the authenticated ${access}`);
    return { principal };
  }

  const tenant = env.world.tenant(id.toLowerCase());
  if (!tenant || !env.world.mayAccess(principal, tenant)) throw forbidden();
  if (ctx.host.kind !== "region" || tenant.region !== ctx.host.region) {
    throw forbidden(`Tenant ${tenant.tenant.id} is not served by this data region; call its apiHost`);
  }
  return { principal, tenant };
}

function bearerPrincipal(ctx: RequestContext, env: Environment): Principal {
  const auth = parseAuthorization(ctx.req);
  const reject = (message: string) => new HttpError(401, GATEWAY_UNAUTHORIZED, message);
  if (auth.scheme === "none") throw reject("Missing Authorization header: send Authorization: Bearer <access_token>");
  if (auth.scheme !== "bearer") {
    throw reject(auth.scheme === "invalid" ? `${auth.reason}; expected "Bearer <access_token>"` : 'Expected "Bearer <access_token>"');
  }
  const found = env.tokens.lookup(auth.token);
  if (found.status === "expired") throw reject("Access token expired");
  if (found.status !== "valid") throw reject("Invalid access token");
  const principal = env.world.principalByClientId(found.token.clientId);
  if (!principal) throw reject("Invalid access token");
  return principal;
}

/** The single value of an identity header; missing → 401, repeated or not a UUID → 400. */
function identityHeader(ctx: RequestContext, name: string): string {
  const values = ctx.req.headersDistinct[name.toLowerCase()] ?? [];
  if (values.length === 0) throw apiError(401, `Missing ${name} header`);
  if (values.length > 1) throw badRequest(`${name} header is given more than once`);
  const value = values[0]!;
  if (!UUID.test(value)) throw badRequest(`${name} must be a UUID`);
  return value;
}
