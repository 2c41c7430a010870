import {
  ENNOV_INSIGHT_DEMO_CREDENTIALS,
  FORCEPOINT_ONE_DEMO_CREDENTIALS,
  FORCEPOINT_ONE_INSIGHTS_DEMO_KEY,
  FORTIAUTHENTICATOR_DEMO,
  PALOALTO_SAAS_SECURITY_DEMO_CLIENT,
  startEnnovInsightEmulator,
  startForcepointOneEmulator,
  startForcepointOneInsightsEmulator,
  startFortiAuthenticatorEmulator,
  startPaloAltoSaasSecurityEmulator,
  startSophosCentralEmulator,
} from "@secfetch/emulators";

export type Vendor = "paloAlto" | "sophos" | "forti" | "forcepoint" | "insights" | "ennov";

/** One vendor's emulator as the smoke suite sees it: where, with which demo credentials, what to expect. */
export interface VendorConfig {
  url: string;
  credentials: Record<string, unknown>;
  expect: { items?: number; csvRecords?: number; logsSince?: string };
  [extra: string]: unknown;
}

export interface MatrixEmulators {
  config: Record<Vendor, VendorConfig>;
  close(): Promise<void>;
}

/**
 * Every vendor's emulator, started once for the whole matrix (each runtime signs in afresh: its
 * clients are new). `cors` lets a page on another origin call them, as the browser run needs.
 */
export async function startMatrixEmulators(options: { cors?: boolean } = {}): Promise<MatrixEmulators> {
  const cors = options.cors ?? false;
  const paloAlto = await startPaloAltoSaasSecurityEmulator({ incidents: 23, cors });
  const sophos = await startSophosCentralEmulator({ cors });
  const forti = await startFortiAuthenticatorEmulator({ cors });
  const forcepoint = await startForcepointOneEmulator({ cors });
  const insights = await startForcepointOneInsightsEmulator({ cors });
  const ennov = await startEnnovInsightEmulator({ cors });
  const running = [paloAlto, sophos, forti, forcepoint, insights, ennov];
  const { clientId, clientSecret, username, password } = { ...FORTIAUTHENTICATOR_DEMO.confidentialApp, username: FORTIAUTHENTICATOR_DEMO.users.plain, password: FORTIAUTHENTICATOR_DEMO.password };
  return {
    config: {
      paloAlto: { url: paloAlto.url, credentials: { clientId: PALOALTO_SAAS_SECURITY_DEMO_CLIENT.clientId, clientSecret: PALOALTO_SAAS_SECURITY_DEMO_CLIENT.clientSecret }, expect: { items: paloAlto.incidents.length } },
      sophos: { url: sophos.url, idUrl: sophos.idUrl, credentials: { ...sophos.credentials.tenant }, expect: { items: sophos.alerts(sophos.ids.tenant).length } },
      forti: { url: forti.url, ca: forti.ca, credentials: { clientId, clientSecret, username, password }, expect: {} },
      forcepoint: { url: forcepoint.url, credentials: { token: FORCEPOINT_ONE_DEMO_CREDENTIALS.token }, expect: { items: forcepoint.users.length, ...adminLogs(forcepoint.logs("admin")) } },
      insights: { url: insights.url, portalUrl: insights.portalUrl, credentials: { apiKey: FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey }, expect: {} },
      ennov: { url: ennov.url, loginUrl: ennov.loginUrl, credentials: { ...ENNOV_INSIGHT_DEMO_CREDENTIALS }, expect: {} },
    },
    close: async () => {
      await Promise.all(running.map((emulator) => emulator.close()));
    },
  };
}

/** Where an export of every seeded admin record starts, and how many it should read. */
function adminLogs(records: ReadonlyArray<Readonly<Record<string, string>>>): { csvRecords: number; logsSince: string } {
  const times = records.map((record) => Date.parse(`${record["time"]} UTC`));
  return { csvRecords: records.length, logsSince: new Date(Math.min(...times)).toISOString() };
}
