import createClient from "openapi-fetch";
import { createMemoryTokenStore } from "@secfetch/auth";
import { createPaloAltoSaasSecurityClient, type PaloAltoSaasSecurityPaths } from "@secfetch/paloalto-saas-security";
import { interleave, type Comparison } from "../harness/interleave.js";
import { startTrivialServerThread } from "../harness/server-thread.js";

/**
 * A fresh client's first call vs a fresh raw openapi-fetch client's first call, sign-in left
 * out: the token is already in the store the fresh client is given (as a CLI run or a
 * serverless start with a warm store would find it). What remains is the client's own start.
 */
export async function coldStart({ rounds }: { rounds: number }): Promise<Comparison> {
  const server = await startTrivialServerThread();
  try {
    const store = createMemoryTokenStore();
    const options = { baseUrl: server.url, clientId: "cold", clientSecret: "cold-secret", tokenStore: store };
    const token = await createPaloAltoSaasSecurityClient(options).auth.getToken();
    const ours = async () => {
      const { data } = await createPaloAltoSaasSecurityClient(options).GET("/incident/api/apps");
      if (!data) throw new Error("the cold client's first call failed");
    };
    const raw = async () => {
      const { data } = await createClient<PaloAltoSaasSecurityPaths>({ baseUrl: server.url, headers: { authorization: `Bearer ${token}` } }).GET("/incident/api/apps");
      if (!data) throw new Error("the raw first call failed");
    };
    return await interleave(ours, raw, { rounds, ops: 20, warmupRounds: 1 });
  } finally {
    await server.close();
  }
}
