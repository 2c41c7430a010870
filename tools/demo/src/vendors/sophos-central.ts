import { SOPHOS_CENTRAL_DEFAULT_TENANTS, startSophosCentralEmulator } from "@secfetch/emulators";
import { AuthenticationError, createSophosCentralClient, TenantNotReadyError, type SophosCentralTenant } from "@secfetch/sophos-central";
import { step, type Report } from "../report.js";

/** Sophos Central: a partner credential that finds its tenants and calls each on its own data-region host. */
export async function runSophosCentral(report: Report): Promise<void> {
  const emulator = await startSophosCentralEmulator({
    tenants: [...SOPHOS_CENTRAL_DEFAULT_TENANTS, { region: null, name: "Newly Signed Ltd" }],
  });
  report.section("Sophos Central", `emulator: global host ${emulator.url}, regions ${Object.keys(emulator.regionUrls).join(", ")}`);
  const partner = createSophosCentralClient({ ...emulator.credentials.partner, idUrl: emulator.idUrl, baseUrl: emulator.url });
  try {
    const tenants: SophosCentralTenant[] = [];
    await step(report, "partner tenants", async () => {
      const identity = await partner.whoami();
      for await (const tenant of partner.tenants()) tenants.push(tenant);
      const regions = new Set(tenants.flatMap((tenant) => (tenant.dataRegion ? [tenant.dataRegion] : [])));
      return `whoami: ${identity.idType} → ${tenants.length} tenants listed on the global host, over ${[...regions].join(" and ")}`;
    });

    // Every tenant at once; one line each, in list order.
    type Outcome = { tenant: SophosCentralTenant; endpoints: number } | { tenant: SophosCentralTenant; error: unknown };
    const outcomes = await Promise.all(
      tenants.map(async (tenant): Promise<Outcome> => {
        try {
          let endpoints = 0;
          for await (const _ of partner.forTenant(tenant).paginate("/endpoint/v1/endpoints", { params: { query: { pageSize: 100 } } })) endpoints++;
          return { tenant, endpoints };
        } catch (error) {
          return { tenant, error };
        }
      }),
    );
    let walked = 0;
    let endpoints = 0;
    for (const outcome of outcomes) {
      const label = outcome.tenant.name ?? outcome.tenant.id;
      if ("endpoints" in outcome) {
        walked++;
        endpoints += outcome.endpoints;
        report.ok(`${label} (${outcome.tenant.dataRegion}): ${outcome.endpoints} endpoints`);
      } else if (outcome.error instanceof TenantNotReadyError) {
        report.ok(`${label}: ${outcome.error.name}, not provisioned yet (no apiHost) → skipped; the other tenants went on`);
      } else {
        report.fail(label, outcome.error);
      }
    }

    await step(report, "totals", async () => {
      const tokens = emulator.count("POST /api/v2/oauth2/token");
      const whoami = emulator.count("GET /whoami/v1");
      const calls = emulator.count() - tokens - whoami;
      return `${endpoints} endpoints in ${walked} tenants; ${tokens} token request, ${whoami} whoami for ${tenants.length} tenants and ${calls} API calls`;
    });

    await step(report, "SIEM checkpoint", async () => {
      const tenant = tenants.find((candidate) => candidate.apiHost);
      if (!tenant) return "no provisioned tenant";
      const client = partner.forTenant(tenant);
      let cursor = "";
      let read = 0;
      for await (const batch of client.siemEvents({ limit: 25 })) {
        read += batch.items.length;
        cursor = batch.cursor; // a collector saves this once the batch is stored
      }
      emulator.appendSiemEvents(tenant.id, 5);
      let resumed = 0;
      for await (const batch of client.siemEvents({ cursor })) resumed += batch.items.length;
      return `SIEM events of ${tenant.name}: ${read} read; 5 more arrive → resuming from the saved cursor reads ${resumed}, none twice`;
    });

    await step(report, "wrong secret", async () => {
      const secret = "not-the-right-secret";
      const wrong = createSophosCentralClient({ clientId: emulator.credentials.partner.clientId, clientSecret: secret, idUrl: emulator.idUrl, baseUrl: emulator.url });
      try {
        await wrong.whoami();
        throw new Error("a wrong secret was accepted");
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        const leaked = JSON.stringify(error).includes(secret) || error.message.includes(secret);
        return `wrong secret → ${error.name} (HTTP ${error.status}, code ${error.code}); secret in the error: ${leaked ? "YES" : "no"}`;
      }
    });
  } finally {
    await emulator.close();
  }
}
