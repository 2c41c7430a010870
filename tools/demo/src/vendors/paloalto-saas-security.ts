import { PALOALTO_SAAS_SECURITY_DEMO_CLIENT as DEMO, startPaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { AuthenticationError, createPaloAltoSaasSecurityClient, type SecfetchEvent } from "@secfetch/paloalto-saas-security";
import { step, type Report } from "../report.js";

/** Palo Alto Networks SaaS Security: client credentials with HTTP Basic, on a regional host. */
export async function runPaloAltoSaasSecurity(report: Report): Promise<void> {
  const emulator = await startPaloAltoSaasSecurityEmulator({ incidents: 120, logEvents: 250 });
  report.section("Palo Alto Networks SaaS Security", `emulator at ${emulator.url}`);
  const events: SecfetchEvent[] = [];
  const client = createPaloAltoSaasSecurityClient({
    clientId: DEMO.clientId,
    clientSecret: DEMO.clientSecret,
    baseUrl: emulator.url,
    onEvent: (event) => events.push(event),
  });
  try {
    await step(report, "concurrent first calls", async () => {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 20 }, () => client.GET("/incident/api/apps")));
      const ok = results.filter((result) => result.response.ok).length;
      return `${ok}/20 concurrent first calls answered with ${emulator.count("POST /oauth/token")} token request (HTTP Basic client auth, ${Date.now() - started} ms)`;
    });

    await step(report, "incidents delta", async () => {
      const before = emulator.count("GET /incident/api/incidents/delta");
      const severities = new Map<string, number>();
      let count = 0;
      for await (const incident of client.paginate("/incident/api/incidents/delta", { params: { query: { limit: 50, state: "open,closed" } } })) {
        count++;
        severities.set(incident.severity, (severities.get(incident.severity) ?? 0) + 1);
      }
      const pages = emulator.count("GET /incident/api/incidents/delta") - before;
      const bySeverity = [...severities].map(([severity, n]) => `${n} ${severity}`).join(", ");
      return `incidents delta: ${count} incidents in ${pages} pages of up to 50 (${bySeverity})`;
    });

    await step(report, "close an incident", async () => {
      const open = emulator.incidents.find((incident) => incident.state !== "closed");
      if (!open) return "no open incident to close";
      const { data, error } = await client.POST("/incident/api/incidents/{id}/state", {
        params: { path: { id: open.incident_id } },
        body: { state: "closed", category: "misidentified" },
      });
      if (error) throw new Error(`close failed: ${JSON.stringify(error)}`);
      return `closed incident ${open.incident_id} as ${data?.category ?? "misidentified"}`;
    });

    await step(report, "log events", async () => {
      let drained = 0;
      let calls = 0;
      for (;;) {
        calls++;
        const { data, response } = await client.GET("/api/v1/log_events_bulk", { params: { query: { size: 100 } } });
        if (response.status === 204) break;
        drained += data?.events?.length ?? 0;
      }
      return `log events: drained ${drained} events in ${calls} bulk calls, the last one 204 (queue empty)`;
    });

    await step(report, "token refused mid-run", async () => {
      const tokensBefore = emulator.count("POST /oauth/token");
      emulator.expireTokens();
      const { response } = await client.GET("/incident/api/apps");
      const replays = events.filter((event) => event.type === "request.replay").length;
      return `server expired the token → ${replays} replay with a fresh token (${emulator.count("POST /oauth/token") - tokensBefore} new token request), call answered ${response.status}`;
    });

    await step(report, "wrong secret", async () => {
      const secret = "not-the-right-secret";
      const wrong = createPaloAltoSaasSecurityClient({ clientId: DEMO.clientId, clientSecret: secret, baseUrl: emulator.url });
      try {
        await wrong.GET("/incident/api/apps");
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
