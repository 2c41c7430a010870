import { createPaloAltoSaasSecurityClient } from "@secfetch/paloalto-saas-security";
import { startTrivialServerThread } from "../harness/server-thread.js";

export interface StampedeResult {
  oneCredential: { calls: number; tokenRequests: number; failed: number; ms: number };
  manyCredentials: { credentials: number; callsEach: number; tokenRequests: number; failed: number; ms: number };
}

/** Cold clients hit all at once: one sign-in per credential, however many calls wait for it. */
export async function stampede({ calls, credentials, callsEach }: { calls: number; credentials: number; callsEach: number }): Promise<StampedeResult> {
  const server = await startTrivialServerThread();
  try {
    const call = (client: ReturnType<typeof createPaloAltoSaasSecurityClient>) =>
      client.GET("/incident/api/apps").then(
        ({ response }) => (response.ok ? 0 : 1),
        () => 1,
      );
    const one = createPaloAltoSaasSecurityClient({ baseUrl: server.url, clientId: "stampede", clientSecret: "stampede-secret" });
    let started = performance.now();
    const oneFailed = (await Promise.all(Array.from({ length: calls }, () => call(one)))).reduce<number>((sum, failed) => sum + failed, 0);
    const oneMs = performance.now() - started;
    const oneTokens = await server.tokenRequests();

    const clients = Array.from({ length: credentials }, (_, i) => createPaloAltoSaasSecurityClient({ baseUrl: server.url, clientId: `client-${i}`, clientSecret: `secret-${i}` }));
    started = performance.now();
    const manyFailed = (await Promise.all(clients.flatMap((client) => Array.from({ length: callsEach }, () => call(client))))).reduce<number>((sum, failed) => sum + failed, 0);
    const manyMs = performance.now() - started;
    return {
      oneCredential: { calls, tokenRequests: oneTokens, failed: oneFailed, ms: oneMs },
      manyCredentials: { credentials, callsEach, tokenRequests: (await server.tokenRequests()) - oneTokens, failed: manyFailed, ms: manyMs },
    };
  } finally {
    await server.close();
  }
}
