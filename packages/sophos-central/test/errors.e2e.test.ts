import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, type SecfetchEvent } from "../src/index.js";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

describe("a refused secret", () => {
  it("surfaces oauth.invalid_client_secret as AuthenticationError with the secret nowhere", async () => {
    const server = await startEmulator();
    const secret = "wrong-Sophos-secret-5qT9zK";
    const events: SecfetchEvent[] = [];
    const partner = clientFor(server, "partner", { clientSecret: secret, onEvent: (event) => events.push(event) });

    const errors = [
      await partner.GET("/endpoint/v1/endpoints").catch((caught: unknown) => caught),
      await partner.whoami().catch((caught: unknown) => caught),
      await collect(partner.tenants()).catch((caught: unknown) => caught),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(AuthenticationError);
      const auth = error as AuthenticationError;
      expect(auth).toMatchObject({ name: "AuthenticationError", status: 401, code: "oauth.invalid_client_secret" });
      const texts = [auth.message, JSON.stringify(auth), inspect(auth, { depth: 10 }), String(auth.stack), JSON.stringify(events)];
      for (const text of texts) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(encodeURIComponent(secret));
      }
    }
    expect(events.some((event) => event.type === "token.failed")).toBe(true);
    // No identity call ever went out without a token.
    expect(server.count("GET /whoami/v1")).toBe(0);
    expect(server.count("POST /api/v2/oauth2/token")).toBe(3);
  });
});

describe("rate limits", () => {
  it("retries a 429 on the tenant list after its Retry-After", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01" }, { region: "us01" }] });
    const events: SecfetchEvent[] = [];
    const partner = clientFor(server, "partner", { onEvent: (event) => events.push(event) });
    server.injectFault({ host: "global", path: "/partner/v1/tenants", status: 429, retryAfter: 1 });

    const started = Date.now();
    const tenants = await collect(partner.tenants());
    expect(tenants).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.count("GET /partner/v1/tenants")).toBe(2);
    expect(events.filter((event) => event.type === "request.retry")).toEqual([
      expect.objectContaining({ method: "GET", status: 429, delayMs: 1000, url: `${server.globalUrl}/partner/v1/tenants` }),
    ]);
  });

  it("retries a 429 on a tenant's host, a POST included", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01", endpoints: 1 }] });
    const partner = clientFor(server, "partner");
    const [tenant] = await collect(partner.tenants());
    const endpoint = server.endpoints(tenant!.id)[0]!;
    server.injectFault({ host: "eu01", method: "POST", status: 429, retryAfter: 0 });

    const { data, response } = await partner.forTenant(tenant!).POST("/endpoint/v1/endpoints/{endpointId}/scans", {
      params: { path: { endpointId: endpoint.id } },
      body: {},
    });
    expect(response.status).toBe(201);
    expect(data?.status).toBe("requested");
    expect(server.count("POST /endpoint/v1/endpoints/{endpointId}/scans", "eu01")).toBe(2);
  });
});
