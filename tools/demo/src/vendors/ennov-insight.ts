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
  report.secret(DEMO.clientSecret, DEMO.password, MFA_USER.password);
  const events: SecfetchEvent[] = [];
  const client = createEnnovInsightClient({
    ...DEMO,
    baseUrl: emulator.url,
    loginUrl: emulator.loginUrl,
    onEvent: (event) => events.push(event),
  });
  // A handshake is one GET of the CSRF token and one POST of the login.
  const tokenGets = () => emulator.count("GET /insight/api/v2/token");
  const logins = () => emulator.count("POST /insight/api/v2/login");
  const handshakes = () => Math.min(tokenGets(), logins());
  try {
    await step(report, "sign in", async (claims) => {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => client.POST("/insight/api/v2/event/read", readAll)));
      const ok = results.filter((result) => result.response.ok).length;
      if (ok !== CONCURRENT) throw new Error(`${CONCURRENT - ok} of ${CONCURRENT} first calls failed`);
      const found = results[0]?.data?.length ?? 0;
      const sizes = [...new Set(results.map((result) => result.data?.length ?? 0))];
      claims.that(sizes.length === 1 && sizes[0] === emulator.events.length, `all ${emulator.events.length} events in every answer`, `answers held ${sizes.join(" or ")}`);
      claims.equal("Azure token requests", emulator.count(AZURE_TOKEN), 1);
      claims.that(tokenGets() === 1 && logins() === 1, "1 handshake (one GET token, one POST login)", `there were ${tokenGets()} GET token and ${logins()} POST login`);
      return `${emulator.count(AZURE_TOKEN)} Azure token, ${handshakes()} handshake for ${CONCURRENT} concurrent first calls (${found} events each, ${Date.now() - started} ms)`;
    });

    await step(report, "read and update an event", async (claims) => {
      const id = emulator.events[0]?.id;
      if (id === undefined) throw new Error("the emulator has no event to update");
      const before = await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id } } });
      if (!before.data) throw new Error(`read failed: HTTP ${before.response.status}`);
      const status = before.data.status === "Completed" ? "In Progress" : "Completed";
      const updated = await client.POST("/insight/api/v2/event/create-or-update", { body: { id, status } });
      if (!updated.data) throw new Error(`update failed: HTTP ${updated.response.status}`);
      const after = await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id } } });
      claims.equal("status in the update's answer", updated.data.status, status);
      claims.equal("status read back", after.data?.status, status);
      claims.equal("status on the server", emulator.events.find((event) => event.id === id)?.status, status);
      return `event ${id} (${before.data.eventType}): ${before.data.status} → ${updated.data.status}; read back: ${after.data?.status}`;
    });

    await step(report, "session expired", async (claims) => {
      const azureBefore = emulator.count(AZURE_TOKEN);
      const [getsBefore, loginsBefore] = [tokenGets(), logins()];
      const handshakesBefore = handshakes();
      const replaysBefore = replays(events);
      emulator.expireSessions();
      const { response } = await client.POST("/insight/api/v2/event/read", readAll);
      const relogins = handshakes() - handshakesBefore;
      const azure = emulator.count(AZURE_TOKEN) - azureBefore;
      const replayed = replays(events) - replaysBefore;
      const [gets, posts] = [tokenGets() - getsBefore, logins() - loginsBefore];
      claims.that(gets === 1 && posts === 1, "1 re-login (one GET token, one POST login)", `there were ${gets} GET token and ${posts} POST login`);
      claims.equal("new Azure token requests (the Azure token was still good)", azure, 0);
      claims.equal("replays", replayed, 1);
      claims.equal("status of the call", response.status, 200);
      const token = azure === 0 ? "same Azure token" : `${azure} new Azure token`;
      return `server ended the session → ${relogins} transparent re-login (${token}), ${replayed} replay, call answered ${response.status}`;
    });

    await step(report, "wrong password", async (claims) => {
      const password = "not-the-right-password";
      report.secret(password);
      const error = await signInFails(emulator, { password });
      const clean = claims.noLeak(error, password, "the wrong password");
      return `wrong password → ${error.name} ${error.code} (HTTP ${error.status}); password in the error: ${clean ? "no" : "YES"}`;
    });

    await step(report, "account under MFA", async (claims) => {
      const error = await signInFails(emulator, { username: MFA_USER.username, password: MFA_USER.password });
      claims.that(Boolean(error.hint), "a hint on what to do", "the error has none");
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
