import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/building-blocks.js";
import { sendJson, testServersClosedAfterEach, type TestServer } from "../support/http-server.js";
import { paloAltoDefinition, type PaloAltoAppsPaths } from "../support/paloalto-definition.js";

// Redirects over real sockets: a credential stays on the origin it was issued for.

const serve = testServersClosedAfterEach();

/** A token endpoint, and an API path that answers with `redirect(url)` the first time. */
async function redirectingApi(redirectTo: (server: TestServer) => string, status = 307) {
  let redirected = false;
  const api = await serve((req, res) => {
    if (req.url === "/oauth/token") return sendJson(res, 200, { access_token: "redirect-test-token", token_type: "Bearer", expires_in: 3600 });
    if (!redirected) {
      redirected = true;
      res.writeHead(status, { location: redirectTo(api) }).end();
      return;
    }
    sendJson(res, 200, [{ landed: "same-origin" }]);
  });
  return api;
}

function client(server: TestServer) {
  const options = { baseUrl: server.url, clientId: "redirect-client", clientSecret: "redirect-secret-value" };
  return createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options);
}

describe("redirects (real sockets)", () => {
  it("a 307 to another origin arrives without the token or cookies", async () => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, [{ landed: "elsewhere" }]));
    const api = await redirectingApi(() => `${elsewhere.url}/landing`);
    const { data, response } = await client(api).GET("/incident/api/apps");
    expect(response.status).toBe(200);
    expect(data).toEqual([{ landed: "elsewhere" }]);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined();
    expect(elsewhere.requests[0]?.headers.cookie).toBeUndefined();
    expect(api.requests.find((request) => request.path === "/incident/api/apps")?.headers.authorization).toBe("Bearer redirect-test-token");
  });

  it("a redirect on the same origin keeps the token", async () => {
    const api = await redirectingApi((server) => `${server.url}/incident/api/apps?page=2`, 302);
    const { data } = await client(api).GET("/incident/api/apps");
    expect(data).toEqual([{ landed: "same-origin" }]);
    const hops = api.requests.filter((request) => request.path.startsWith("/incident/api/apps"));
    expect(hops.map((hop) => hop.headers.authorization)).toEqual(["Bearer redirect-test-token", "Bearer redirect-test-token"]);
  });

  it("the token endpoint's redirect is not followed: the secret stays where it was sent", async () => {
    const elsewhere = await serve((_req, res) => sendJson(res, 200, { access_token: "stolen", token_type: "Bearer" }));
    const api = await serve((req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}${req.url ?? "/"}` }).end();
    });
    await expect(client(api).GET("/incident/api/apps")).rejects.toMatchObject({ name: "AuthenticationError", status: 307 });
    expect(elsewhere.requests).toHaveLength(0);
  });
});
