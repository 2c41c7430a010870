import { PALOALTO_SAAS_SECURITY_DEMO_CLIENT as DEMO, startPaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { AuthenticationError, createPaloAltoSaasSecurityClient, type SecfetchEvent } from "@secfetch/paloalto-saas-security";
import { step, type Report } from "../report.js";

const TOKEN_ROUTE = "POST /oauth/token";
const DELTA_ROUTE = "GET /incident/api/incidents/delta";
const CONCURRENT = 20;
const PAGE = 50;
const BULK = 100;

/** Palo Alto Networks SaaS Security: client credentials with HTTP Basic, on a regional host. */
export async function runPaloAltoSaasSecurity(report: Report): Promise<void> {
  const emulator = await startPaloAltoSaasSecurityEmulator({ incidents: 120, logEvents: 250 });
  report.section("Palo Alto Networks SaaS Security", `emulator at ${emulator.url}`);
  report.secret(DEMO.clientSecret);
  const events: SecfetchEvent[] = [];
  const client = createPaloAltoSaasSecurityClient({
    clientId: DEMO.clientId,
    clientSecret: DEMO.clientSecret,
    baseUrl: emulator.url,
    onEvent: (event) => events.push(event),
  });
  const replays = () => events.filter((event) => event.type === "request.replay").length;
  try {
    await step(report, "concurrent first calls", async (claims) => {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => client.GET("/incident/api/apps")));
      const ok = results.filter((result) => result.response.ok).length;
      const tokens = emulator.count(TOKEN_ROUTE);
      const basic = emulator.requests.filter((request) => request.route === TOKEN_ROUTE && /^Basic /.test(request.headers["authorization"] ?? "")).length;
      claims.equal("first calls answered", ok, CONCURRENT);
      claims.equal("token requests", tokens, 1);
      claims.equal("token requests with HTTP Basic client auth", basic, tokens);
      return `${ok}/${CONCURRENT} concurrent first calls answered with ${tokens} token request (HTTP Basic client auth, ${Date.now() - started} ms)`;
    });

    await step(report, "incidents delta", async (claims) => {
      const expected = emulator.incidents;
      const before = emulator.count(DELTA_ROUTE);
      const severities = new Map<string, number>();
      let count = 0;
      for await (const incident of client.paginate("/incident/api/incidents/delta", { params: { query: { limit: PAGE, state: "open,closed" } } })) {
        count++;
        severities.set(incident.severity, (severities.get(incident.severity) ?? 0) + 1);
      }
      const pages = emulator.count(DELTA_ROUTE) - before;
      const bySeverity = [...severities].map(([severity, n]) => `${n} ${severity}`).join(", ");
      claims.equal("incidents listed (all open and closed ones)", count, expected.length);
      claims.equal("incidents by severity", tally(severities), tally(countBy(expected, (incident) => incident.severity)));
      claims.that(pages * PAGE >= count, `pages of up to ${PAGE}`, `${count} incidents came in only ${pages} pages`);
      return `incidents delta: ${count} incidents in ${pages} pages of up to ${PAGE} (${bySeverity})`;
    });

    await step(report, "close an incident", async (claims) => {
      const open = emulator.incidents.find((incident) => incident.state !== "closed");
      if (!open) throw new Error("the emulator has no open incident to close");
      const { data, error } = await client.POST("/incident/api/incidents/{id}/state", {
        params: { path: { id: open.incident_id } },
        body: { state: "closed", category: "misidentified" },
      });
      if (error) throw new Error(`close failed: ${JSON.stringify(error)}`);
      const stored = emulator.incidents.find((incident) => incident.incident_id === open.incident_id);
      claims.equal("incident state on the server", stored?.state, "closed");
      claims.equal("incident category on the server", stored?.category, "misidentified");
      claims.equal("category in the answer", data?.category, "misidentified");
      return `closed incident ${open.incident_id} as ${data?.category ?? "(no category in the answer)"}`;
    });

    await step(report, "quarantine an asset", async (claims) => {
      const assetId = emulator.incidents[0]!.asset_id;
      const accepted = await client.POST("/remediation/api/assets/{id}/quarantine", { params: { path: { id: assetId } } });
      const status = () => client.GET("/remediation/api/assets", { params: { query: { asset_id: assetId, remediation_type: "system_quarantine" } } });
      const statuses: string[] = [];
      for (let read = 0; read < 5 && statuses.at(-1) !== "success"; read++) statuses.push(String((await status()).data?.status));
      claims.equal("quarantine request status", accepted.response.status, 202);
      claims.equal("final remediation status", statuses.at(-1), "success");
      return `asset ${assetId}: quarantine accepted (${accepted.response.status}), status ${statuses.join(" → ")}`;
    });

    await step(report, "log events", async (claims) => {
      const queued = emulator.queuedLogEvents;
      // Enough for every event plus the final 204; more means the queue is not draining.
      const maxCalls = Math.ceil(queued / BULK) + 5;
      let drained = 0;
      let calls = 0;
      for (;;) {
        if (++calls > maxCalls) throw new Error(`no 204 (queue empty) after ${maxCalls} bulk calls for ${queued} queued events (${drained} drained)`);
        const { data, response } = await client.GET("/api/v1/log_events_bulk", { params: { query: { size: BULK } } });
        if (response.status === 204) break;
        if (!response.ok) throw new Error(`bulk call ${calls} answered ${response.status}`);
        drained += data?.events?.length ?? 0;
      }
      claims.equal("events drained", drained, queued);
      claims.equal("events left in the queue", emulator.queuedLogEvents, 0);
      return `log events: drained ${drained} events in ${calls} bulk calls, the last one 204 (queue empty)`;
    });

    await step(report, "token refused mid-run", async (claims) => {
      const tokensBefore = emulator.count(TOKEN_ROUTE);
      const replaysBefore = replays();
      emulator.expireTokens();
      const { response } = await client.GET("/incident/api/apps");
      const replayed = replays() - replaysBefore;
      const tokens = emulator.count(TOKEN_ROUTE) - tokensBefore;
      claims.equal("replays", replayed, 1);
      claims.equal("new token requests", tokens, 1);
      claims.equal("status of the call", response.status, 200);
      return `server expired the token → ${replayed} replay with a fresh token (${tokens} new token request), call answered ${response.status}`;
    });

    await step(report, "wrong secret", async (claims) => {
      const secret = "not-the-right-secret";
      report.secret(secret);
      const wrong = createPaloAltoSaasSecurityClient({ clientId: DEMO.clientId, clientSecret: secret, baseUrl: emulator.url });
      try {
        await wrong.GET("/incident/api/apps");
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

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** A tally in a fixed order, to compare two of them: "16 Critical, 23 High, …". */
function tally(counts: ReadonlyMap<string, number>): string {
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${n} ${key}`).join(", ");
}
