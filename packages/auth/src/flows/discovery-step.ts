import { readPointer } from "../declaration/template.js";
import type { DiscoverDeclaration, Template } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import { vendorErrorCode } from "../errors/vendor-code.js";
import type { Redactor } from "../errors/redact.js";
import { displayUrl } from "../events.js";
import type { HostTrust } from "../util/host-trust.js";
import { isHeaderSafe } from "../util/header-value.js";
import { readJsonBody } from "../util/read-json-body.js";
import { stepRequest } from "./step-request.js";

/** Who the credential is, and where and how its calls go. */
export interface Identity {
  /** The case that matched (`tenant`, `partner`, …). */
  kind: string;
  /** A host root the calls must go to instead of the configured one, already trust-checked. */
  baseUrl?: string;
  /** Headers every call carries (`X-Tenant-ID: …`). */
  headers: Record<string, string>;
  /** The identity endpoint's whole answer. */
  body: unknown;
}

export interface DiscoveryStepOptions {
  declaration: DiscoverDeclaration;
  values: Readonly<Record<string, unknown>>;
  /** Headers that carry the token (the declaration's `apply`). */
  applyHeaders: Readonly<Record<string, Template>>;
  send: (request: Request) => Promise<Response>;
  trust: HostTrust;
  redactor: Redactor;
  source: string;
}

/**
 * After the token, asks an identity endpoint who we are and reads from its answer the host and
 * identity headers of every later call. A host the answer names is trust-checked before it
 * ever sees the token, so a tampered answer cannot steer credentials elsewhere.
 */
export function createDiscoveryStep(options: DiscoveryStepOptions) {
  const { declaration, source, redactor } = options;
  return async function discover(accessToken: string): Promise<Identity> {
    const values = { ...options.values, accessToken };
    const request = stepRequest({ ...declaration.request, headers: { ...options.applyHeaders, ...declaration.request.headers } }, values);
    if (request === undefined) throw new AuthenticationError(`${source}: the identity request URL could not be built.`);
    const url = request.url;
    const response = await options.send(request);
    const { json } = await readJsonBody(response);
    if (!response.ok) {
      const code = vendorErrorCode(json);
      throw new AuthenticationError(`${source}: the identity endpoint ${displayUrl(url)} answered HTTP ${response.status}.`, {
        status: response.status,
        ...(typeof code === "string" ? { code } : {}),
        body: json,
        redactor,
        hint: "Check that the credential is allowed to call the API (its role and scope).",
      });
    }
    const kind = readPointer(json, declaration.by);
    const rule = typeof kind === "string" ? declaration.cases[kind] : undefined;
    if (typeof kind !== "string" || !rule) {
      throw new AuthenticationError(`${source}: the identity endpoint named an identity this client does not know (${String(kind)}).`, {
        status: response.status,
        code: "unknown_identity",
        redactor,
        hint: `Known: ${Object.keys(declaration.cases).join(", ")}. Upgrade the package if the vendor added one.`,
      });
    }
    const identity: Identity = { kind, headers: {}, body: json };
    for (const [name, pointer] of Object.entries(rule.headers ?? {})) {
      const value = readPointer(json, pointer);
      if (typeof value !== "string" && typeof value !== "number") continue;
      if (!isHeaderSafe(String(value))) {
        throw new AuthenticationError(`${source}: the identity endpoint returned a ${name} that cannot go in a header.`, {
          status: response.status,
          code: "identity_malformed",
          redactor,
          hint: "The identity answer is malformed; this is worth an issue with the vendor.",
        });
      }
      identity.headers[name] = String(value);
    }
    if (rule.baseUrl !== undefined) identity.baseUrl = trustedHost(readPointer(json, rule.baseUrl), kind);
    return identity;
  };

  function trustedHost(value: unknown, kind: string): string {
    let url: URL | undefined;
    try {
      url = typeof value === "string" ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    if (!url) {
      throw new AuthenticationError(`${source}: the identity endpoint gave this ${kind} no API host.`, {
        code: "no_api_host",
        hint: "The account may not be provisioned yet; check it in the vendor's console.",
      });
    }
    if (!options.trust(url)) {
      throw new AuthenticationError(`${source}: refusing to send credentials to ${url.host}, which the identity endpoint named as the API host but is not a trusted host.`, {
        code: "untrusted_api_host",
        hint: "If this host is genuinely the vendor's, pass `isTrustedApiHost` to allow it.",
      });
    }
    return url.href.replace(/\/+$/, "");
  }
}
