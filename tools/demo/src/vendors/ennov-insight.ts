import { inspect } from "node:util";
import {
  ENNOV_INSIGHT_AZURE_TOKEN_ROUTE as AZURE_TOKEN,
  ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO,
  ENNOV_INSIGHT_DEMO_MFA_USER as MFA_USER,
  startEnnovInsightEmulator,
  type EnnovInsightEmulator,
} from "@secfetch/emulators";
import { AuthenticationError, createEnnovInsightClient, type SecfetchEvent } from "@secfetch/ennov-insight";
import { step, type Report } from "../report.js";

const CONCURRENT = 20;
const readAll = { body: { queryFor: {} } } as const;

/** Ennov InSight: Entra ID password sign-in, then InSight's cookie + CSRF session handshake. */
export async function runEnnovInsight(report: Report): Promise<void> {
  const emulator = await startEnnovInsightEmulator();
  report.section("Ennov InSight", `InSight at ${emulator.url}, Entra ID at ${emulator.loginUrl}`);
  const events: SecfetchEvent[] = [];
  const client = createEnnovInsightClient({
    ...DEMO,
    baseUrl: emulator.url,
    loginUrl: emulator.loginUrl,
    onEvent: (event) => events.push(event),
  });
  const handshakes = () => Math.min(emulator.count("GET /insight/api/v2/token"), emulator.count("POST /insight/api/v2/login"));
  try {
    await step(report, "sign in", async () => {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => client.POST("/insight/api/v2/event/read", readAll)));
      const ok = results.filter((result) => result.response.ok).length;
      if (ok !== CONCURRENT) throw new Error(`${CONCURRENT - ok} of ${CONCURRENT} first calls failed`);
      const found = results[0]?.data?.length ?? 0;
      return `${emulator.count(AZURE_TOKEN)} Azure token, ${handshakes()} handshake for ${CONCURRENT} concurrent first calls (${found} events each, ${Date.now() - started} ms)`;
    });

    await step(report, "read and update an event", async () => {
      const id = emulator.events[0]?.id;
      if (id === undefined) return "no event to update";
      const before = await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id } } });
      if (!before.data) throw new Error(`read failed: HTTP ${before.response.status}`);
      const status = before.data.status === "Completed" ? "In Progress" : "Completed";
      const updated = await client.POST("/insight/api/v2/event/create-or-update", { body: { id, status } });
      if (!updated.data) throw new Error(`update failed: HTTP ${updated.response.status}`);
      const after = await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id } } });
      return `event ${id} (${before.data.eventType}): ${before.data.status} → ${updated.data.status}; read back: ${after.data?.status}`;
    });

    await step(report, "session expired", async () => {
      const azureBefore = emulator.count(AZURE_TOKEN);
      const handshakesBefore = handshakes();
      const replaysBefore = replays(events);
      emulator.expireSessions();
      const { response } = await client.POST("/insight/api/v2/event/read", readAll);
      const relogins = handshakes() - handshakesBefore;
      const azure = emulator.count(AZURE_TOKEN) - azureBefore;
      const token = azure === 0 ? "same Azure token" : `${azure} new Azure token`;
      return `server ended the session → ${relogins} transparent re-login (${token}), ${replays(events) - replaysBefore} replay, call answered ${response.status}`;
    });

    await step(report, "wrong password", async () => {
      const password = "not-the-right-password";
      const error = await signInFails(emulator, { password });
      return `wrong password → ${error.name} ${error.code} (HTTP ${error.status}); password in the error: ${leaks(error, password) ? "YES" : "no"}`;
    });

    await step(report, "account under MFA", async () => {
      const error = await signInFails(emulator, { username: MFA_USER.username, password: MFA_USER.password });
      return `MFA account → ${error.name} ${error.code}: ${error.hint ?? "(no hint)"}`;
    });
  } finally {
    await emulator.close();
  }
}

function replays(events: readonly SecfetchEvent[]): number {
  return events.filter((event) => event.type === "request.replay").length;
}

async function signInFails(emulator: EnnovInsightEmulator, credentials: { username?: string; password: string }): Promise<AuthenticationError> {
  const client = createEnnovInsightClient({ ...DEMO, ...credentials, baseUrl: emulator.url, loginUrl: emulator.loginUrl });
  try {
    await client.POST("/insight/api/v2/event/read", readAll);
  } catch (error) {
    if (error instanceof AuthenticationError) return error;
    throw error;
  }
  throw new Error("the sign-in was accepted");
}

function leaks(error: Error, secret: string): boolean {
  return [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)].some((text) => text.includes(secret));
}
