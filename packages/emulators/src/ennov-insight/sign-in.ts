import type { EnnovInsightEmulator } from "./emulator.js";
import { ENNOV_INSIGHT_DEMO_CREDENTIALS } from "./options.js";

/** Credentials for {@link signInToEnnovInsightEmulator}; the demo ones by default. */
export interface EnnovInsightSignInCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

/** A signed-in InSight session: what every entity call must carry. */
export interface EnnovInsightSignedInSession {
  /** The Entra ID access token used for the login. */
  accessToken: string;
  /** The session id (`JSESSIONID`) in use after login. */
  session: string;
  /** The CSRF token in use after login. */
  csrf: string;
  /** Ready-made headers for an entity call: `Content-Type`, `X-CSRF-TOKEN` and `Cookie`. */
  headers: Record<string, string>;
}

/**
 * Runs the whole handshake against the emulator with plain `fetch` — Entra ID password grant,
 * `GET /insight/api/v2/token`, `POST /insight/api/v2/login` — for tests that call the API by hand.
 * Throws an Error naming the failed step and status (never a credential) when a step fails.
 */
export async function signInToEnnovInsightEmulator(
  emulator: Pick<EnnovInsightEmulator, "url" | "loginUrl">,
  credentials: EnnovInsightSignInCredentials = ENNOV_INSIGHT_DEMO_CREDENTIALS,
): Promise<EnnovInsightSignedInSession> {
  const form = new URLSearchParams({
    grant_type: "password",
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope: `${credentials.clientId}/.default openid`,
    username: credentials.username,
    password: credentials.password,
  });
  const tokenResponse = await fetch(`${emulator.loginUrl}/${credentials.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  const tokenBody = (await tokenResponse.json()) as { access_token?: string; error_codes?: number[] };
  if (tokenResponse.status !== 200 || !tokenBody.access_token) {
    throw new Error(`Entra ID token request failed: ${tokenResponse.status} AADSTS${tokenBody.error_codes?.[0] ?? "?"}`);
  }

  const start = await fetch(`${emulator.url}/insight/api/v2/token`);
  const started = (await start.json()) as { xAuthToken?: string; token?: string };
  const preLogin = started.xAuthToken ?? started.token;
  const preCsrf = start.headers.get("x-csrf-token");
  if (start.status !== 200 || !preLogin || !preCsrf) throw new Error(`GET /insight/api/v2/token failed: ${start.status}`);

  const login = await fetch(`${emulator.url}/insight/api/v2/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": preCsrf, Cookie: `JSESSIONID=${preLogin}` },
    body: JSON.stringify({ access_token: tokenBody.access_token, token_type: "Bearer" }),
  });
  await login.arrayBuffer();
  const csrf = login.headers.get("x-csrf-token");
  if (login.status !== 200 || !csrf) throw new Error(`POST /insight/api/v2/login failed: ${login.status}`);
  // The client prefers the Set-Cookie session id and keeps the pre-login one when none is sent.
  const cookie = login.headers.getSetCookie().map((line) => /^JSESSIONID=([^;]+)/.exec(line)?.[1]).find(Boolean);
  const session = cookie ?? preLogin;
  return {
    accessToken: tokenBody.access_token,
    session,
    csrf,
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": csrf, Cookie: `JSESSIONID=${session}` },
  };
}
