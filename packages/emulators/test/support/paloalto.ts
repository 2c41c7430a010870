import { PALOALTO_SAAS_SECURITY_DEMO_CLIENT } from "../../src/index.js";
import type { PaloAltoSaasSecurityEmulator, PaloAltoScope } from "../../src/index.js";

export const DEMO = PALOALTO_SAAS_SECURITY_DEMO_CLIENT;
export const FORM = "application/x-www-form-urlencoded";

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

/** POSTs a token request; defaults to the demo client and all scopes (`body: null` sends none). */
export function tokenRequest(
  emulator: PaloAltoSaasSecurityEmulator,
  init: { headers?: Record<string, string>; body?: string | null; query?: string } = {},
): Promise<Response> {
  return fetch(`${emulator.url}/oauth/token${init.query ?? ""}`, {
    method: "POST",
    headers: init.headers ?? { Authorization: basicAuth(DEMO.clientId, DEMO.clientSecret), "Content-Type": FORM },
    body: init.body === undefined ? "grant_type=client_credentials&scope=api_access+incident_api+remediation_api" : init.body,
  });
}

/** Gets a token with `scopes` for the demo client. */
export async function getToken(
  emulator: PaloAltoSaasSecurityEmulator,
  scopes: readonly PaloAltoScope[] = ["api_access", "incident_api", "remediation_api"],
): Promise<string> {
  const res = await tokenRequest(emulator, { body: `grant_type=client_credentials&scope=${scopes.join("%20")}` });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** An authenticated API call. */
export function api(
  emulator: PaloAltoSaasSecurityEmulator,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("Authorization")) headers.set("Authorization", `Bearer ${token}`);
  return fetch(`${emulator.url}${path}`, { ...init, headers });
}

export function postJson(
  emulator: PaloAltoSaasSecurityEmulator,
  token: string,
  path: string,
  body: unknown,
): Promise<Response> {
  return api(emulator, token, path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
