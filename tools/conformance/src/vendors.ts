import {
  FORTIAUTHENTICATOR_DEMO,
  startEnnovInsightEmulator,
  startForcepointOneEmulator,
  startForcepointOneInsightsEmulator,
  startFortiAuthenticatorEmulator,
  startPaloAltoSaasSecurityEmulator,
  startSophosCentralEmulator,
} from "@secfetch/emulators";
import type { SpecOperation } from "@secfetch/emulators/spec";
import { demoClients } from "./demo-clients.js";
import type { AnyClient, WalkOptions } from "./walk-operations.js";

/** A running emulator and the clients the walk calls it with. */
export interface VendorSetup {
  clientFor(op: SpecOperation): AnyClient;
  /** Requests the emulator received for a route key. */
  count(route: string): number;
  /** Requests the walk cannot build from the spec alone (a business rule the schema cannot state), by route key. */
  readonly hints?: WalkOptions["hints"];
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
      const client = asAny(demoClients.paloAlto(emulator));
      const hints: WalkOptions["hints"] = {
        // The status of the remediation the walk started (its example's type).
        "GET /remediation/api/assets": () => ({ query: { remediation_type: "remove_public_sharing" } }),
        // An asset is named by an incident's asset_id, not by the incident's own id.
        "POST /remediation/api/assets/{id}/quarantine": (state) => ({ path: { id: state.sample("/incident/api/incidents/delta")?.["asset_id"] } }),
        "POST /remediation/api/assets/{id}/restore": (state) => ({ path: { id: state.sample("/incident/api/incidents/delta")?.["asset_id"] } }),
      };
      return { clientFor: () => client, count: (route) => emulator.count(route), hints, close: () => emulator.close() };
    },
  },
  {
    name: "sophos-central",
    async start() {
      const emulator = await startSophosCentralEmulator();
      const partner = demoClients.sophos(emulator, "partner");
      const organization = demoClients.sophos(emulator, "organization");
      const tenant = demoClients.sophos(emulator, "tenant");
      return {
        // An action the alert allows: every seeded alert allows acknowledging.
        hints: {
          "POST /common/v1/alerts/{alertId}/actions": () => ({ body: { action: "acknowledge" } }),
          // A page key is one the API handed out; a first search has none.
          "POST /common/v1/alerts/search": () => ({ body: { severity: ["high", "medium"], pageSize: 10 } }),
        },
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
      const admin = demoClients.fortiAdmin(emulator, { clientId: FORTIAUTHENTICATOR_DEMO.confidentialApp.clientId });
      const user = demoClients.fortiUser(emulator);
      const { clientId } = FORTIAUTHENTICATOR_DEMO.confidentialApp;
      const hints: WalkOptions["hints"] = {
        "GET /api/v1/oauth/verify_token/": () => ({ query: { client_id: clientId } }),
        // Credential checks need a real account; a push needs a user with FortiToken Mobile, approved as the phone would.
        "POST /api/v1/auth/": () => ({ body: { username: FORTIAUTHENTICATOR_DEMO.users.plain, password: FORTIAUTHENTICATOR_DEMO.password } }),
        "POST /api/v1/realmauth/": () => ({ body: { username: FORTIAUTHENTICATOR_DEMO.users.plain, realm: "local", password: FORTIAUTHENTICATOR_DEMO.password } }),
        "POST /api/v1/pushauth/": () => {
          setTimeout(() => emulator.approvePush(FORTIAUTHENTICATOR_DEMO.users.push), 100);
          return { body: { username: FORTIAUTHENTICATOR_DEMO.users.push } };
        },
        // A FortiToken still assigned to a user cannot be deleted: pick a free one.
        "DELETE /api/v1/fortitokens/{id}/": async () => {
          const { data } = await asAny(admin).GET!("/api/v1/fortitokens/", { params: { query: { status: "available" } } });
          return { path: { id: (data as { objects: Array<{ id: number }> }).objects[0]?.id } };
        },
      };
      return {
        hints,
        // The token check takes a user's bearer token; the REST resources an administrator's key.
        clientFor: (op) => asAny(op.path.startsWith("/api/v1/oauth/") ? user : admin),
        count: (route) => emulator.count(route),
        async exerciseSignIn() {
          const pushed = demoClients.fortiUser(emulator, FORTIAUTHENTICATOR_DEMO.users.push);
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
      const client = asAny(demoClients.forcepoint(emulator));
      // A log export's first page names where to start; later pages carry the token instead.
      const hints: WalkOptions["hints"] = {
        // A first page names where to start; later pages carry the token instead.
        "GET /api/bitglassapi/logs": () => ({ query: { type: "access", startdate: new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 19) + "Z" } }),
        // The body's shape follows type and action: the pair of the operation's first example.
        "POST /api/bitglassapi/config/v1.1/": () => ({ query: { type: "group", action: "createupdate" } }),
        "POST /api/bitglassapi/config/v1/": () => ({ query: { type: "user", action: "createupdate" }, body: { companyemail: "walked.v1@example.com", firstname: "Walked" } }),
        "POST /api/bitglassapi/v2/scim/Groups": (state) => ({
          body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Walked Group", members: [{ value: state.sample("/api/bitglassapi/v2/scim/Users")?.["id"] }] },
        }),
        "PATCH /api/bitglassapi/v2/scim/Groups/{id}": (state) => ({
          body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: [{ value: state.sample("/api/bitglassapi/v2/scim/Users")?.["id"] }] }] },
        }),
      };
      return { clientFor: () => client, count: (route) => emulator.count(route), hints, close: () => emulator.close() };
    },
  },
  {
    name: "forcepoint-one-insights",
    async start() {
      const emulator = await startForcepointOneInsightsEmulator();
      const client = asAny(demoClients.insights(emulator));
      return { clientFor: () => client, count: (route) => emulator.count(route), close: () => emulator.close() };
    },
  },
  {
    name: "ennov-insight",
    async start() {
      const emulator = await startEnnovInsightEmulator();
      const client = asAny(demoClients.ennov(emulator));
      // Each read's example filters down to records that may not exist; read everything instead, so later calls have ids.
      const hints = Object.fromEntries(
        ["application", "event", "event-country", "license"].map((entity) => [`POST /insight/api/v2/${entity}/read`, () => ({ body: { queryFor: {} } })]),
      );
      return { hints, clientFor: () => client, count: (route) => emulator.count(route), close: () => emulator.close() };
    },
  },
];
