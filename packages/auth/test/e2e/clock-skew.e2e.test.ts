import { describe, expect, it } from "vitest";
import { createApiClient, type CommonClientOptions } from "../../src/building-blocks.js";
import { sendJson, testServersClosedAfterEach, type TestServer } from "../support/http-server.js";
import { paloAltoDefinition, type PaloAltoAppsPaths } from "../support/paloalto-definition.js";

// Expiry counts from the local time the token was requested, never from the server's clock: a
// server whose clock is hours off (its Date header, a JWT's iat/exp) changes nothing.

const serve = testServersClosedAfterEach();

function skewedServer(skewMs: number): Promise<TestServer> {
  return serve((req, res) => {
    const date = new Date(Date.now() + skewMs).toUTCString();
    if (req.url === "/oauth/token") {
      const exp = Math.floor((Date.now() + skewMs) / 1000) + 3600;
      // A JWT-looking token whose exp is an hour after the server's (wrong) time.
      const jwt = `e30.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`;
      return sendJson(res, 200, { access_token: jwt, token_type: "Bearer", expires_in: 3600 }, { date });
    }
    sendJson(res, 200, [], { date });
  });
}

describe("clock skew (real sockets)", () => {
  for (const [label, skewMs] of [["six hours behind", -6 * 3_600_000], ["six hours ahead", 6 * 3_600_000]] as const) {
    it(`a server ${label}: one token serves every call`, async () => {
      const server = await skewedServer(skewMs);
      const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, {
        baseUrl: server.url,
        clientId: "skew-client",
        clientSecret: "skew-secret",
      } as CommonClientOptions);
      for (let i = 0; i < 5; i++) expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
      expect(server.requests.filter((request) => request.path === "/oauth/token")).toHaveLength(1);
    });
  }
});
