import {
  ENNOV_INSIGHT_DEMO_CREDENTIALS,
  FORCEPOINT_ONE_DEMO_CREDENTIALS,
  FORTIAUTHENTICATOR_DEMO,
  PALOALTO_SAAS_SECURITY_DEMO_CLIENT,
  startEnnovInsightEmulator,
  startForcepointOneEmulator,
  startFortiAuthenticatorEmulator,
  startPaloAltoSaasSecurityEmulator,
  startSophosCentralEmulator,
} from "@secfetch/emulators";
import type { SpecOperation } from "@secfetch/emulators/spec";
import { createEnnovInsightClient } from "@secfetch/ennov-insight";
import { createForcepointOneClient } from "@secfetch/forcepoint-one";
import { createFortiAuthenticatorClient } from "@secfetch/fortiauthenticator";
import { createPaloAltoSaasSecurityClient } from "@secfetch/paloalto-saas-security";
import { createSophosCentralClient } from "@secfetch/sophos-central";
import type { AnyClient } from "./walk-operations.js";

/** A running emulator and the clients the walk calls it with. */
export interface VendorSetup {
  clientFor(op: SpecOperation): AnyClient;
  /** Requests the emulator received for a route key. */
  count(route: string): number;
  /** Values the walk cannot learn from earlier answers. */
  readonly values?: Readonly<Record<string, () => unknown>>;
  /** Signs in the ways the walk's client does not (other grants, push MFA), so every sign-in operation is called. */
  exerciseSignIn?(): Promise<void>;
  close(): Promise<void>;
}

export interface Vendor {
  /** The vendor's folder name under specs/. */
  readonly name: string;
  start(): Promise<VendorSetup>;
}

const asAny = (client: unknown) => client as AnyClient;

export const VENDORS: readonly Vendor[] = [
  {
    name: "paloalto-saas-security",
    async start() {
      const emulator = await startPaloAltoSaasSecurityEmulator();
      const client = asAny(createPaloAltoSaasSecurityClient({ clientId: PALOALTO_SAAS_SECURITY_DEMO_CLIENT.clientId, clientSecret: PALOALTO_SAAS_SECURITY_DEMO_CLIENT.clientSecret, baseUrl: emulator.url }));
      // A remediation's status exists once one was started: the walk starts one on a real asset first.
      const asset = () => emulator.incidents[0]!.asset_id;
      return { clientFor: () => client, count: (route) => emulator.count(route), values: { asset_id: asset }, close: () => emulator.close() };
    },
  },
  {
    name: "sophos-central",
    async start() {
      const emulator = await startSophosCentralEmulator();
      const options = { idUrl: emulator.idUrl, baseUrl: emulator.url };
      const partner = createSophosCentralClient({ ...emulator.credentials.partner, ...options });
      const organization = createSophosCentralClient({ ...emulator.credentials.organization, ...options });
      const tenant = createSophosCentralClient({ ...emulator.credentials.tenant, ...options });
      return {
        clientFor: (op) => asAny(op.path.startsWith("/partner/") ? partner : op.path.startsWith("/organization/") ? organization : tenant),
        count: (route) => emulator.count(route),
        close: () => emulator.close(),
      };
    },
  },
  {
    name: "fortiauthenticator",
    async start() {
      const emulator = await startFortiAuthenticatorEmulator({ pushAutoApproveAfterPolls: 1 });
      const base = { baseUrl: emulator.url, ca: emulator.ca };
      const admin = createFortiAuthenticatorClient({ ...base, clientId: FORTIAUTHENTICATOR_DEMO.confidentialApp.clientId, adminUser: FORTIAUTHENTICATOR_DEMO.admin.username, accessKey: FORTIAUTHENTICATOR_DEMO.admin.accessKey });
      const user = createFortiAuthenticatorClient({ ...base, ...FORTIAUTHENTICATOR_DEMO.confidentialApp, username: FORTIAUTHENTICATOR_DEMO.users.plain, password: FORTIAUTHENTICATOR_DEMO.password });
      return {
        // The token check takes a user's bearer token; the REST resources an administrator's key.
        clientFor: (op) => asAny(op.path.startsWith("/api/v1/oauth/") ? user : admin),
        count: (route) => emulator.count(route),
        async exerciseSignIn() {
          const pushed = createFortiAuthenticatorClient({ ...base, ...FORTIAUTHENTICATOR_DEMO.confidentialApp, username: FORTIAUTHENTICATOR_DEMO.users.push, password: FORTIAUTHENTICATOR_DEMO.password });
          await pushed.auth.getToken();
          await user.auth.getToken();
        },
        close: () => emulator.close(),
      };
    },
  },
  {
    name: "forcepoint-one",
    async start() {
      const emulator = await startForcepointOneEmulator();
      const client = asAny(createForcepointOneClient({ token: FORCEPOINT_ONE_DEMO_CREDENTIALS.token, baseUrl: emulator.url }));
      // A log export's first page names where to start; later pages carry the token instead.
      const values = {
        startdate: () => new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 19) + "Z",
        // The config call's body shape follows type and action: the pair of its first example.
        type: () => "group",
        action: () => "createupdate",
      };
      return { clientFor: () => client, count: (route) => emulator.count(route), values, close: () => emulator.close() };
    },
  },
  {
    name: "ennov-insight",
    async start() {
      const emulator = await startEnnovInsightEmulator();
      const client = asAny(createEnnovInsightClient({ ...ENNOV_INSIGHT_DEMO_CREDENTIALS, baseUrl: emulator.url, loginUrl: emulator.loginUrl }));
      return { clientFor: () => client, count: (route) => emulator.count(route), close: () => emulator.close() };
    },
  },
];
