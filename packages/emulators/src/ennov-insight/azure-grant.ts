import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { HttpError, mediaTypeOf, parseFormBody } from "../shared/http-helpers.js";
import { AadError, missingParameter, quoted } from "./azure-errors.js";
import type { AzureTokens } from "./azure-tokens.js";
import type { ResolvedOptions } from "./options.js";

/** OpenID Connect scopes that may accompany the resource's `.default` scope. */
const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];

/**
 * The resource owner password credentials grant of Entra ID's v2.0 token endpoint for `tenant`
 * (the path segment). Returns the success body; every refusal throws an {@link AadError}.
 * Checks run in this order: tenant, grant type, client, scope, user, password, MFA.
 */
export function passwordGrant(
  req: IncomingMessage,
  body: Buffer,
  tenantSegment: string,
  options: ResolvedOptions,
  tokens: AzureTokens,
): Record<string, unknown> {
  const tenant = tenantSegment.toLowerCase();
  if (tenant === "common" || tenant === "consumers") {
    throw new AadError(400, "invalid_request", 9001023,
      "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.");
  }
  if (tenant !== "organizations" && !options.tenants.includes(tenant)) {
    throw new AadError(400, "invalid_request", 90002,
      `Tenant '${quoted(tenantSegment)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  const params = formParams(req, body);
  const grant = params.get("grant_type");
  if (!grant) throw missingParameter("grant_type");
  if (grant !== "password") {
    throw new AadError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${quoted(grant)}'.`);
  }
  const clientId = params.get("client_id")?.toLowerCase();
  if (!clientId) throw missingParameter("client_id");
  // `organizations` stands for "the user's own tenant"; this emulator resolves it from the app.
  const app = options.apps.find((a) => a.clientId === clientId && (a.tenantId === tenant || tenant === "organizations"));
  if (!app) {
    throw new AadError(400, "unauthorized_client", 700016,
      `Application with identifier '${quoted(clientId)}' was not found in the directory '${quoted(tenantSegment)}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
  }
  const secret = params.get("client_secret");
  if (!secret) {
    throw new AadError(401, "invalid_client", 7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  if (!sameSecret(secret, app.clientSecret)) {
    throw new AadError(401, "invalid_client", 7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`);
  }

  const scope = params.get("scope");
  if (!scope) throw missingParameter("scope");
  const { resource, oidc } = checkScope(scope, app.tenantId, options);
  const username = params.get("username");
  if (!username) throw missingParameter("username");
  const password = params.get("password");
  if (!password) throw missingParameter("password");

  const user = options.users.find((u) => u.tenantId === app.tenantId && u.username.toLowerCase() === username.toLowerCase());
  if (!user) {
    throw new AadError(400, "invalid_grant", 50034,
      `The user account {EUII Hidden} does not exist in the ${app.tenantId} directory. To sign into this application, the account must be added to the directory.`);
  }
  if (!sameSecret(password, user.password)) {
    throw new AadError(400, "invalid_grant", 50126, "Error validating credentials due to invalid username or password.");
  }
  if (user.mfa) {
    throw new AadError(400, options.mfaError, 50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
      { suberror: "basic_action", claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [randomUUID()] } } }) });
  }

  const granted = [`${resource}/user_impersonation`, ...oidc.filter((s) => s !== "offline_access")].join(" ");
  const { accessToken, idToken } = tokens.issue({
    audience: resource,
    clientId: app.clientId,
    tenantId: app.tenantId,
    username: user.username,
    ttlSeconds: options.tokenTtlSeconds,
    scope: "user_impersonation",
  });
  return {
    token_type: "Bearer",
    scope: granted,
    expires_in: options.tokenTtlSeconds,
    ext_expires_in: options.extExpiresInSeconds,
    access_token: accessToken.token,
    ...(oidc.includes("offline_access") ? { refresh_token: randomBytes(48).toString("base64url") } : {}),
    ...(oidc.includes("openid") ? { id_token: idToken } : {}),
  };
}

/**
 * Reads the form body. Entra ID reads parameters only from an `application/x-www-form-urlencoded`
 * body: another content type (JSON, say) reads as no parameters at all, and the first missing
 * one is reported. A parameter given twice → AADSTS9000411.
 */
function formParams(req: IncomingMessage, body: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  if (mediaTypeOf(req)?.essence !== "application/x-www-form-urlencoded") return params;
  let form: URLSearchParams;
  try {
    form = parseFormBody(req, body);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new AadError(400, "invalid_request", 90014, "The request body is not properly form-url-encoded.");
  }
  for (const [name, value] of form) {
    if (params.has(name)) {
      throw new AadError(400, "invalid_request", 9000411, `The request is not properly formatted. The parameter '${quoted(name)}' is duplicated.`);
    }
    params.set(name, value);
  }
  return params;
}

/** `<app id>/.default` of an app in the tenant, plus OpenID Connect scopes; anything else is refused. */
function checkScope(scope: string, tenantId: string, options: ResolvedOptions): { resource: string; oidc: string[] } {
  const items = scope.split(" ");
  const invalid = () =>
    new AadError(400, "invalid_scope", 70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${quoted(scope)} is not valid.`);
  if (items.some((item) => item === "")) throw invalid();
  const resources = items.filter((item) => item.endsWith("/.default"));
  const others = items.filter((item) => !item.endsWith("/.default"));
  if (resources.length !== 1 || others.some((item) => !OIDC_SCOPES.includes(item))) throw invalid();
  const resource = resources[0]!.slice(0, -"/.default".length).toLowerCase();
  if (!options.apps.some((app) => app.clientId === resource && app.tenantId === tenantId)) {
    throw new AadError(400, "invalid_resource", 500011,
      `The resource principal named ${quoted(resource)} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
  }
  return { resource, oidc: others };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
