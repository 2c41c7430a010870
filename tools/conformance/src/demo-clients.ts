import {
  ENNOV_INSIGHT_DEMO_CREDENTIALS,
  FORCEPOINT_ONE_DEMO_CREDENTIALS,
  FORCEPOINT_ONE_INSIGHTS_DEMO_KEY,
  FORTIAUTHENTICATOR_DEMO,
  PALOALTO_SAAS_SECURITY_DEMO_CLIENT,
  type startEnnovInsightEmulator,
  type startForcepointOneInsightsEmulator,
  type startFortiAuthenticatorEmulator,
  type startSophosCentralEmulator,
} from "@secfetch/emulators";
import { createEnnovInsightClient } from "@secfetch/ennov-insight";
import { createForcepointOneClient } from "@secfetch/forcepoint-one";
import { createForcepointOneInsightsClient } from "@secfetch/forcepoint-one-insights";
import { createFortiAuthenticatorClient } from "@secfetch/fortiauthenticator";
import { createPaloAltoSaasSecurityClient, type SecfetchEvent } from "@secfetch/paloalto-saas-security";
import { createSophosCentralClient } from "@secfetch/sophos-central";

/** What a harness adds to a demo client: its deadlines, its retries, its event tally. */
export interface HarnessOptions {
  timeoutMs?: number;
  maxRetries?: number;
  onEvent?: (event: SecfetchEvent) => void;
}

type Started<T extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

/**
 * Each vendor's client signed in with its emulator's demo credentials, at the emulator's
 * address: the walk, the fault matrix and the soak make the same clients, written once here.
 */
export const demoClients = {
  paloAlto: (emulator: { url: string }, options: HarnessOptions = {}) =>
    createPaloAltoSaasSecurityClient({ clientId: PALOALTO_SAAS_SECURITY_DEMO_CLIENT.clientId, clientSecret: PALOALTO_SAAS_SECURITY_DEMO_CLIENT.clientSecret, baseUrl: emulator.url, ...options }),
  sophos: (emulator: Started<typeof startSophosCentralEmulator>, identity: "partner" | "organization" | "tenant", options: HarnessOptions = {}) =>
    createSophosCentralClient({ ...emulator.credentials[identity], idUrl: emulator.idUrl, baseUrl: emulator.url, ...options }),
  /** An administrator with an access key (HTTP Basic); `clientId` too where a call checks tokens of that app. */
  fortiAdmin: (emulator: Started<typeof startFortiAuthenticatorEmulator>, options: HarnessOptions & { clientId?: string } = {}) =>
    createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, adminUser: FORTIAUTHENTICATOR_DEMO.admin.username, accessKey: FORTIAUTHENTICATOR_DEMO.admin.accessKey, ...options }),
  /** A user signing in with a password through the confidential app (`username` picks which demo user). */
  fortiUser: (emulator: Started<typeof startFortiAuthenticatorEmulator>, username: string = FORTIAUTHENTICATOR_DEMO.users.plain, options: HarnessOptions = {}) =>
    createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, ...FORTIAUTHENTICATOR_DEMO.confidentialApp, username, password: FORTIAUTHENTICATOR_DEMO.password, ...options }),
  forcepoint: (emulator: { url: string }, options: HarnessOptions & { rateLimit?: false } = {}) =>
    createForcepointOneClient({ token: FORCEPOINT_ONE_DEMO_CREDENTIALS.token, baseUrl: emulator.url, ...options }),
  insights: (emulator: Started<typeof startForcepointOneInsightsEmulator>, options: HarnessOptions = {}) =>
    createForcepointOneInsightsClient({ apiKey: FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey, baseUrl: emulator.url, portalUrl: emulator.portalUrl, ...options }),
  ennov: (emulator: Started<typeof startEnnovInsightEmulator>, options: HarnessOptions = {}) =>
    createEnnovInsightClient({ ...ENNOV_INSIGHT_DEMO_CREDENTIALS, baseUrl: emulator.url, loginUrl: emulator.loginUrl, ...options }),
};
