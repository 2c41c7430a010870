import { FORCEPOINT_ONE_INSIGHTS_DEMO_KEY, startForcepointOneInsightsEmulator } from "@secfetch/emulators";
import { AuthenticationError, createForcepointOneInsightsClient } from "@secfetch/forcepoint-one-insights";
import { step, type Report } from "../report.js";

const TOKEN_ROUTE = "POST /api/apikeys/token";
const PAGE = 250;

/** Forcepoint ONE Insights: an API key traded for a bearer token on one host, records exported from another. */
export async function runForcepointOneInsights(report: Report): Promise<void> {
  const emulator = await startForcepointOneInsightsEmulator({ records: 900 });
  report.section("Forcepoint ONE Insights", `emulator: platform host ${emulator.portalUrl}, Insights host ${emulator.url}`);
  report.secret(FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey);
  const client = createForcepointOneInsightsClient({ apiKey: FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey, baseUrl: emulator.url, portalUrl: emulator.portalUrl });
  try {
    await step(report, "export a day of admin events", async (claims) => {
      let records = 0;
      let calls = 0;
      for (let offset = 1; ; offset += PAGE) {
        const { data } = await client.POST("/api/export/{product}/{collection}", {
          params: { path: { product: "SSE", collection: "Admin" } },
          body: { starttime: "2025-08-26 00:00:00", offset, limit: PAGE },
        });
        calls++;
        records += data!.data.length;
        if (data!.data.length < PAGE) break;
      }
      const dayEnd = Date.parse("2025-08-27T00:00:00Z");
      const expected = emulator.records("Admin").filter((record) => Date.parse(`${String(record["eventTime"]).replace(" ", "T")}Z`) < dayEnd).length;
      claims.equal("records exported", records, expected);
      claims.equal("API key traded for a token", emulator.count(TOKEN_ROUTE), 1);
      const keyOnInsights = emulator.requests.filter((request) => request.route !== TOKEN_ROUTE && request.headers["x-api-key"] !== undefined).length;
      claims.equal("requests carrying the API key to the Insights host", keyOnInsights, 0);
      return `${records} admin records of 2025-08-26 in ${calls} calls of up to ${PAGE}; the API key traded once for a bearer token, never sent to the Insights host`;
    });

    await step(report, "token expired", async (claims) => {
      emulator.expireTokens();
      const { response } = await client.POST("/api/export/{product}/{collection}", {
        params: { path: { product: "SSE", collection: "SWG" } },
        body: { starttime: "2025-08-26 00:00:00", limit: 10 },
      });
      claims.equal("status after the replay", response.status, 200);
      claims.equal("tokens traded", emulator.count(TOKEN_ROUTE), 2);
      return `token expired server-side → 401, the key traded again once, the call replayed and answered ${response.status}`;
    });

    await step(report, "revoked key", async (claims) => {
      emulator.revokeKey(FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey);
      emulator.expireTokens();
      try {
        await client.POST("/api/export/{product}/{collection}", { params: { path: { product: "SSE", collection: "DLP" } }, body: { starttime: "2025-08-26 00:00:00" } });
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        const clean = claims.noLeak(error, FORCEPOINT_ONE_INSIGHTS_DEMO_KEY.apiKey, "the API key");
        return `revoked key → ${error.name} (HTTP ${error.status}, ${error.code}); key in the error: ${clean ? "no" : "YES"}`;
      }
      throw new Error("a revoked key was accepted");
    });
  } finally {
    await emulator.close();
  }
}
