import { SOPHOS_CENTRAL_DEFAULT_TENANTS, startSophosCentralEmulator } from "@secfetch/emulators";
import { AuthenticationError, createSophosCentralClient, TenantNotReadyError, type SophosCentralTenant } from "@secfetch/sophos-central";
import { Claims, step, verdict, type Report } from "../report.js";

const TENANTS_ROUTE = "GET /partner/v1/tenants";
const APPENDED = 5;

/** Sophos Central: a partner credential that finds its tenants and calls each on its own data-region host. */
export async function runSophosCentral(report: Report): Promise<void> {
  const emulator = await startSophosCentralEmulator({
    tenants: [...SOPHOS_CENTRAL_DEFAULT_TENANTS, { region: null, name: "Newly Signed Ltd" }],
  });
  report.section("Sophos Central", `emulator: global host ${emulator.url}, regions ${Object.keys(emulator.regionUrls).join(", ")}`);
  report.secret(...Object.values(emulator.credentials).map((credential) => credential.clientSecret));
  const partner = createSophosCentralClient({ ...emulator.credentials.partner, idUrl: emulator.idUrl, baseUrl: emulator.url });
  // The partner's tenants as the emulator has them: what the listing and the walk should find.
  const expected = emulator.tenants;
  const provisioned = expected.filter((tenant) => tenant.apiHost);
  try {
    const tenants: SophosCentralTenant[] = [];
    await step(report, "partner tenants", async (claims) => {
      const identity = await partner.whoami();
      for await (const tenant of partner.tenants()) tenants.push(tenant);
      const regions = new Set(tenants.flatMap((tenant) => (tenant.dataRegion ? [tenant.dataRegion] : [])));
      claims.equal("whoami idType", identity.idType, "partner");
      claims.equal("tenants listed", tenants.length, expected.length);
      const listed = new Set(tenants.map((tenant) => tenant.id));
      const missing = expected.filter((tenant) => !listed.has(tenant.id)).length;
      const twice = tenants.length - listed.size;
      claims.that(missing === 0 && twice === 0, "every tenant of the partner listed once", `${missing} missing, ${twice} listed twice`);
      claims.equal("data regions", [...regions].sort().join(" and "), regionsOf(expected));
      const listings = emulator.count(TENANTS_ROUTE);
      claims.that(listings > 0 && emulator.count(TENANTS_ROUTE, "global") === listings, "the tenant list read on the global host", `${emulator.count(TENANTS_ROUTE, "global")} of ${listings} listing calls went there`);
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
      const seeded = expected.find((tenant) => tenant.id === outcome.tenant.id);
      const claims = new Claims();
      if ("endpoints" in outcome) {
        walked++;
        endpoints += outcome.endpoints;
        claims.that(seeded?.apiHost !== undefined, "only provisioned tenants to be walked", "this one has no apiHost on the server");
        if (seeded?.apiHost) claims.equal("endpoints", outcome.endpoints, emulator.endpoints(seeded.id).length);
        verdict(report, `${label} (${outcome.tenant.dataRegion}): ${outcome.endpoints} endpoints`, claims);
      } else if (outcome.error instanceof TenantNotReadyError) {
        claims.that(seeded !== undefined && seeded.apiHost === undefined, "TenantNotReadyError only for a tenant without apiHost", "this tenant is provisioned");
        verdict(report, `${label}: ${outcome.error.name}, not provisioned yet (no apiHost) → skipped; the other tenants went on`, claims);
      } else {
        report.fail(label, outcome.error);
      }
    }

    await step(report, "totals", async (claims) => {
      const tokens = emulator.count("POST /api/v2/oauth2/token");
      const whoami = emulator.count("GET /whoami/v1");
      const calls = emulator.count() - tokens - whoami;
      claims.equal("endpoints in all tenants", endpoints, provisioned.reduce((sum, tenant) => sum + emulator.endpoints(tenant.id).length, 0));
      claims.equal("tenants walked (the provisioned ones)", walked, provisioned.length);
      claims.equal("token requests", tokens, 1);
      claims.equal("whoami calls", whoami, 1);
      return `${endpoints} endpoints in ${walked} tenants; ${tokens} token request, ${whoami} whoami for ${tenants.length} tenants and ${calls} API calls`;
    });

    await step(report, "SIEM checkpoint", async (claims) => {
      const tenant = tenants.find((candidate) => candidate.apiHost);
      if (!tenant) throw new Error("no provisioned tenant was listed");
      const client = partner.forTenant(tenant);
      let cursor = "";
      const first: string[] = [];
      for await (const batch of client.siemEvents({ limit: 25 })) {
        first.push(...batch.items.map((item) => item.id));
        cursor = batch.cursor; // a collector saves this once the batch is stored
      }
      emulator.appendSiemEvents(tenant.id, APPENDED);
      const resumed: string[] = [];
      for await (const batch of client.siemEvents({ cursor })) resumed.push(...batch.items.map((item) => item.id));
      const all = [...first, ...resumed];
      claims.equal("events read on resume", resumed.length, APPENDED);
      claims.equal("events read twice", all.length - new Set(all).size, 0);
      return `SIEM events of ${tenant.name}: ${first.length} read; ${APPENDED} more arrive → resuming from the saved cursor reads ${resumed.length}, none twice`;
    });

    await step(report, "alerts and an XDR query", async (claims) => {
      const tenant = tenants.find((candidate) => candidate.apiHost);
      if (!tenant) throw new Error("no provisioned tenant was listed");
      const client = partner.forTenant(tenant);
      let high = 0;
      for await (const alert of client.paginate("/common/v1/alerts", { params: { query: { severity: "high", pageSize: 5 } } })) {
        claims.equal("severity of a listed alert", alert.severity, "high");
        high++;
      }
      claims.equal("high-severity alerts", high, emulator.alerts(tenant.id).filter((alert) => alert.severity === "high").length);
      // A Data Lake query is a job: runJob() starts it, polls with backoff until it finishes, then pages its rows.
      const run = await client.runJob(
        "/xdr-query/v1/queries/runs",
        { body: { adHocQuery: { template: "SELECT meta_hostname, name FROM xdr_data LIMIT 10" }, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" } },
        { pollIntervalMs: 50 },
      );
      let rows = 0;
      for await (const _ of run.results()) rows++;
      const polls = emulator.count("GET /xdr-query/v1/queries/runs/{runId}");
      claims.equal("query run outcome", run.latest.result, "succeeded");
      claims.that(rows > 0, "the run to return rows", "it returned none");
      return `${tenant.name}: ${high} high-severity alerts paged 5 at a time; XDR query run ${run.params["runId"]?.slice(0, 8)}… finished after ${polls} status reads → ${rows} rows`;
    });

    await step(report, "wrong secret", async (claims) => {
      const secret = "not-the-right-secret";
      report.secret(secret);
      const wrong = createSophosCentralClient({ clientId: emulator.credentials.partner.clientId, clientSecret: secret, idUrl: emulator.idUrl, baseUrl: emulator.url });
      try {
        await wrong.whoami();
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        const clean = claims.noLeak(error, secret, "the wrong secret");
        return `wrong secret → ${error.name} (HTTP ${error.status}, code ${error.code}); secret in the error: ${clean ? "no" : "YES"}`;
      }
      throw new Error("a wrong secret was accepted");
    });
  } finally {
    await emulator.close();
  }
}

function regionsOf(tenants: ReadonlyArray<{ dataRegion?: string }>): string {
  return [...new Set(tenants.flatMap((tenant) => (tenant.dataRegion ? [tenant.dataRegion] : [])))].sort().join(" and ");
}
