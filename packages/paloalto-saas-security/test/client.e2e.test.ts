import { inspect } from "node:util";
import { PALOALTO_SAAS_SECURITY_DEMO_CLIENT as DEMO, startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, ConfigurationError, createPaloAltoSaasSecurityClient, type SecfetchEvent } from "../src/index.js";

let emulator: PaloAltoSaasSecurityEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Parameters<typeof startPaloAltoSaasSecurityEmulator>[0] = {}) {
  emulator = await startPaloAltoSaasSecurityEmulator(options);
  return emulator;
}

function client(server: PaloAltoSaasSecurityEmulator, extra: Partial<Parameters<typeof createPaloAltoSaasSecurityClient>[0]> = {}) {
  return createPaloAltoSaasSecurityClient({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, baseUrl: server.url, ...extra });
}

describe("sign-in", () => {
  it("requests one token for 50 concurrent first calls", async () => {
    const server = await start();
    const api = client(server);
    const results = await Promise.all(Array.from({ length: 50 }, () => api.GET("/incident/api/apps")));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(server.count("POST /oauth/token")).toBe(1);
  });

  it("authenticates with HTTP Basic and a form body, never the secret in the body", async () => {
    const server = await start();
    await client(server).GET("/incident/api/apps");
    const tokenRequest = server.requests.find((request) => request.route === "POST /oauth/token");
    const expected = `Basic ${Buffer.from(`${DEMO.clientId}:${DEMO.clientSecret}`).toString("base64")}`;
    expect(tokenRequest?.headers.authorization).toBe(expected);
    expect(tokenRequest?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(tokenRequest?.body).get("grant_type")).toBe("client_credentials");
    expect(new URLSearchParams(tokenRequest?.body).get("scope")).toBe("api_access incident_api remediation_api");
    expect(tokenRequest?.body).not.toContain(DEMO.clientSecret);
    const apiRequest = server.requests.find((request) => request.route === "GET /incident/api/apps");
    expect(apiRequest?.headers.authorization).toMatch(/^Bearer [^:\s]+$/);
  });

  it("requests only the scopes asked for", async () => {
    const server = await start();
    const api = client(server, { scopes: ["incident_api"] });
    expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
    const { response } = await api.GET("/api/v1/log_events");
    expect(response.status).toBe(403);
    const tokenRequest = server.requests.find((request) => request.route === "POST /oauth/token");
    expect(new URLSearchParams(tokenRequest?.body).get("scope")).toBe("incident_api");
  });

  it("refreshes the token before it expires, without a failed call", async () => {
    const server = await start({ tokenTtlSeconds: 2 });
    const events: SecfetchEvent[] = [];
    const api = client(server, { onEvent: (event) => events.push(event) });
    const statuses: number[] = [];
    const until = Date.now() + 3_500;
    while (Date.now() < until) {
      statuses.push((await api.GET("/incident/api/apps")).response.status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(server.count("POST /oauth/token")).toBeGreaterThanOrEqual(2);
    expect(events.filter((event) => event.type === "request.replay")).toHaveLength(0);
    expect(events.some((event) => event.type === "token.refreshed")).toBe(true);
  });

  it("signs in again once and replays when the token is refused", async () => {
    const server = await start();
    const events: SecfetchEvent[] = [];
    const api = client(server, { onEvent: (event) => events.push(event) });
    await api.GET("/incident/api/apps");
    server.expireTokens();
    const results = await Promise.all(Array.from({ length: 10 }, () => api.GET("/incident/api/apps")));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(server.count("POST /oauth/token")).toBe(2);
    expect(events.filter((event) => event.type === "request.replay").length).toBeGreaterThanOrEqual(1);
  });

  it("turns a wrong secret into AuthenticationError with no secret anywhere in it", async () => {
    const server = await start();
    const secret = "wrong-secret-Zq8ld0p3";
    const events: SecfetchEvent[] = [];
    const api = client(server, { clientSecret: secret, onEvent: (event) => events.push(event) });
    const error = await api.GET("/incident/api/apps").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    const auth = error as AuthenticationError;
    expect(auth.name).toBe("AuthenticationError");
    expect(auth.status).toBe(401);
    expect(auth.code).toBe("unauthorized");
    // The vendor's own advice (`resolution`) is the hint.
    expect(auth.message).toContain("Please submit valid credentials.");
    const basic = Buffer.from(`${DEMO.clientId}:${secret}`).toString("base64");
    for (const text of [auth.message, JSON.stringify(auth), inspect(auth, { depth: 10 }), String(auth.stack), JSON.stringify(events)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(basic);
    }
    expect(server.count("POST /oauth/token")).toBe(1);
  });
});

describe("paging", () => {
  it("walks the incidents delta, every incident once, stopping on the short page", async () => {
    const server = await start({ incidents: 120 });
    const ids: number[] = [];
    for await (const incident of client(server).paginate("/incident/api/incidents/delta", { params: { query: { limit: 50, state: "open,closed" } } })) {
      ids.push(incident.incident_id);
    }
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(server.count("GET /incident/api/incidents/delta")).toBe(3);
  });

  it("stops on an empty last page", async () => {
    const server = await start({ incidents: 100 });
    const ids = new Set<number>();
    for await (const incident of client(server).paginate("/incident/api/incidents/delta", { params: { query: { limit: 10, state: "open,closed" } } })) {
      ids.add(incident.incident_id);
    }
    expect(ids.size).toBe(100);
    expect(server.count("GET /incident/api/incidents/delta")).toBe(11);
  });

  it("uses the spec's default page size when none is given", async () => {
    const server = await start({ incidents: 60 });
    let count = 0;
    for await (const _ of client(server).paginate("/incident/api/incidents/delta")) count++;
    expect(count).toBeGreaterThan(0);
    expect(server.count("GET /incident/api/incidents/delta")).toBe(Math.floor(count / 50) + 1);
  });
});

describe("log events", () => {
  it("drains the bulk queue until 204, each event once", async () => {
    const server = await start({ logEvents: 250 });
    const api = client(server);
    const seen: unknown[] = [];
    for (;;) {
      const { data, response } = await api.GET("/api/v1/log_events_bulk", { params: { query: { size: 100 } } });
      if (response.status === 204) break;
      expect(response.status).toBe(200);
      seen.push(...(data?.events ?? []));
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen.map((event) => JSON.stringify(event))).size).toBe(250);
    expect(server.count("GET /api/v1/log_events_bulk")).toBe(4);
  });
});

describe("transport", () => {
  it("retries a 429 after Retry-After, for a POST too", async () => {
    const server = await start();
    const events: SecfetchEvent[] = [];
    const api = client(server, { onEvent: (event) => events.push(event) });
    const incident = server.incidents.find((candidate) => candidate.state !== "closed")!;
    server.injectFault({ path: `/incident/api/incidents/${incident.incident_id}/state`, status: 429, retryAfter: 0, count: 1 });
    const { response } = await api.POST("/incident/api/incidents/{id}/state", {
      params: { path: { id: incident.incident_id } },
      body: { state: "closed", category: "misidentified" },
    });
    expect(response.status).toBe(200);
    expect(events.filter((event) => event.type === "request.retry")).toHaveLength(1);
  });

  it("does not retry a 500 on a POST the spec does not mark safe", async () => {
    const server = await start();
    const api = client(server);
    server.injectFault({ path: "/remediation/api/assets", method: "POST", status: 500, count: 1 });
    const { response } = await api.POST("/remediation/api/assets", {
      body: { asset_id: "asset-1", remediation_type: "system_quarantine" },
    });
    expect(response.status).toBe(500);
    expect(server.count("POST /remediation/api/assets")).toBe(1);
  });

  it("retries a 502 of the token request, which the spec marks safe to repeat", async () => {
    const server = await start();
    const api = client(server);
    server.injectFault({ path: "/oauth/token", method: "POST", status: 502, count: 1 });
    expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
    expect(server.count("POST /oauth/token")).toBe(2);
  });

  it("retries a 500 on a POST the spec marks safe", async () => {
    const server = await start();
    const api = client(server);
    const incident = server.incidents.find((candidate) => candidate.state !== "closed")!;
    server.injectFault({ path: `/incident/api/incidents/${incident.incident_id}/state`, status: 500, count: 1 });
    const { response } = await api.POST("/incident/api/incidents/{id}/state", {
      params: { path: { id: incident.incident_id } },
      body: { state: "closed", category: "misidentified" },
    });
    expect(response.status).toBe(200);
    expect(server.count("POST /incident/api/incidents/{id}/state")).toBe(2);
  });

  it("retries a 503 on a GET and gives up after maxRetries", async () => {
    const server = await start();
    const api = client(server, { maxRetries: 1 });
    server.injectFault({ path: "/incident/api/apps", status: 503, count: 5 });
    const { response } = await api.GET("/incident/api/apps");
    expect(response.status).toBe(503);
    expect(server.count("GET /incident/api/apps")).toBe(2);
  });
});

describe("options", () => {
  it("rejects missing credentials, unknown regions and plain http, naming the option", () => {
    expect(() => createPaloAltoSaasSecurityClient({ clientId: "x" } as never)).toThrow(ConfigurationError);
    expect(() => createPaloAltoSaasSecurityClient({ clientId: "x", clientSecret: "y", region: "mars" as never })).toThrow(/region/);
    expect(() => createPaloAltoSaasSecurityClient({ clientId: "x", clientSecret: "y", baseUrl: "http://api.example.com" })).toThrow(/plain http/);
    const error = (() => {
      try {
        createPaloAltoSaasSecurityClient({ clientId: "x", clientSecret: "hunter2-secret", scopes: ["nope"] as never });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe("scopes");
    expect((error as Error).message).not.toContain("hunter2-secret");
  });

  it("picks the regional host, for the token and the API calls", async () => {
    const hosts: string[] = [];
    const answer = async (input: Parameters<typeof fetch>[0]) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      hosts.push(url.host);
      return url.pathname === "/oauth/token"
        ? Response.json({ access_token: "regional-token", token_type: "Bearer", expires_in: 3600 })
        : Response.json([]);
    };
    const eu = createPaloAltoSaasSecurityClient({ clientId: "x", clientSecret: "y", region: "eu", fetch: answer });
    await eu.GET("/incident/api/apps");
    expect(hosts).toEqual(["api.aperture-eu.paloaltonetworks.com", "api.aperture-eu.paloaltonetworks.com"]);
    hosts.length = 0;
    const us = createPaloAltoSaasSecurityClient({ clientId: "x", clientSecret: "y", fetch: answer });
    await us.GET("/incident/api/apps");
    expect(hosts).toEqual(["api.aperture.paloaltonetworks.com", "api.aperture.paloaltonetworks.com"]);
  });
});
