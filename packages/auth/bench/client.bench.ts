import { startPaloAltoSaasSecurityEmulator, PALOALTO_SAAS_SECURITY_DEMO_CLIENT as DEMO } from "@secfetch/emulators";
import { afterAll, bench, describe } from "vitest";
import { createApiClient, type ClientDefinition } from "../src/index.js";

// End to end over loopback: what the transport (retry, auth, timeout) costs per call.
const definition: ClientDefinition = {
  packageName: "bench",
  servers: { default: "http://127.0.0.1" },
  regional: false,
  auth: {
    options: { clientId: { required: true }, clientSecret: { required: true, secret: true }, scopes: { type: "string[]", default: ["incident_api"] } },
    modes: [
      {
        name: "client-credentials",
        requires: ["clientId", "clientSecret"],
        token: { url: "{baseUrl}/oauth/token", grant: "client_credentials", clientAuth: "basic", encoding: "form", params: { scope: "{scopes}" } },
      },
    ],
  },
  pagination: {},
  retrySafe: [],
};

// Top-level await: vitest's bench mode does not run describe-level hooks before timing.
const emulator = await startPaloAltoSaasSecurityEmulator();
const client = createApiClient<Record<string, any>, {}>(definition, { baseUrl: emulator.url, clientId: DEMO.clientId, clientSecret: DEMO.clientSecret } as never);
await (client as any).GET("/incident/api/apps");
afterAll(() => emulator.close());

describe("client over loopback", () => {

  bench("GET with a cached token", async () => {
    await (client as any).GET("/incident/api/apps");
  });

  bench("100 concurrent GETs", async () => {
    await Promise.all(Array.from({ length: 100 }, () => (client as any).GET("/incident/api/apps")));
  });

  bench("raw fetch, for comparison", async () => {
    const token = await client.auth.getToken();
    const response = await fetch(`${emulator.url}/incident/api/apps`, { headers: { authorization: `Bearer ${token}` } });
    await response.text();
  });
});
