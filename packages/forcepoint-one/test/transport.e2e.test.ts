import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, createForcepointOneClient, type SecfetchEvent } from "../src/index.js";
import { BEFORE_SEED, DEMO, drain, startEmulator, tokenClient } from "./support.js";

const FUTURE = "2099-01-01T00:00:00Z";

describe("credentials", () => {
  it("sends `Bearer <token>` (never `Bearer:`) on every call: logs, SCIM and config", async () => {
    const emulator = await startEmulator({ logs: { access: 150 } });
    const client = tokenClient(emulator);
    await drain(client.exportLogs({ type: "access", since: BEFORE_SEED }));
    await drain(client.exportLogs({ type: "access", format: "csv", since: BEFORE_SEED }));
    for await (const _ of client.paginate("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 10 } } }));
    const config = await client.POST("/api/bitglassapi/config/v1.1/", {
      params: { query: { type: "group", action: "createupdate" } },
      body: { groupname: "collectors" },
    });
    expect(config.response.status).toBe(200);
    expect(emulator.requests.length).toBeGreaterThan(8);
    for (const request of emulator.requests) expect(request.headers.authorization).toBe(`Bearer ${DEMO.token}`);
    expect(emulator.requests.every((request) => /^Bearer [^:\s]/.test(request.headers.authorization ?? ""))).toBe(true);
  });

  it("works with an administrator's user name and password (HTTP Basic)", async () => {
    const emulator = await startEmulator({ logs: { admin: 40 } });
    const client = createForcepointOneClient({ username: DEMO.username, password: DEMO.password, baseUrl: emulator.url });
    const { records } = await drain(client.exportLogs({ type: "admin", since: BEFORE_SEED }));
    expect(records).toEqual(emulator.logs("admin"));
    const basic = `Basic ${Buffer.from(`${DEMO.username}:${DEMO.password}`).toString("base64")}`;
    expect(emulator.requests.every((request) => request.headers.authorization === basic)).toBe(true);
  });

  it("turns a revoked token into AuthenticationError (401) with the token nowhere in it", async () => {
    const token = "revokedDemoTokenZq8ld0p3Xy7wVb";
    const emulator = await startEmulator({ tokens: [token] });
    const events: SecfetchEvent[] = [];
    const client = tokenClient(emulator, { token, onEvent: (event) => events.push(event) });
    expect((await client.GET("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 1 } } })).response.status).toBe(200);
    emulator.revokeToken(token);
    const before = emulator.count();
    for (const call of [
      () => client.GET("/api/bitglassapi/logs", { params: { query: { type: "access", cv: "1.0.7", responseformat: "json", startdate: BEFORE_SEED } } }),
      () => drain(client.exportLogs({ type: "access", since: BEFORE_SEED })),
      () => drain(client.exportLogs({ type: "access", format: "csv", since: BEFORE_SEED })),
    ]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      const auth = error as AuthenticationError;
      expect(auth.name).toBe("AuthenticationError");
      expect(auth.status).toBe(401);
      for (const text of [auth.message, JSON.stringify(auth), inspect(auth, { depth: 10 }), String(auth.stack), JSON.stringify(events)]) {
        expect(text).not.toContain(token);
      }
    }
    // A token never expires, so there is no fresh sign-in to replay with: one request per call.
    expect(emulator.count() - before).toBe(3);
    expect(events.filter((event) => event.type === "request.replay")).toHaveLength(0);
  });
});

describe("rate limit", () => {
  it("200 concurrent calls at the server's 50/s limit: all succeed, no 429", async () => {
    const emulator = await startEmulator({ rateLimitPerSecond: 50 });
    const statuses: number[] = [];
    const events: SecfetchEvent[] = [];
    const client = tokenClient(emulator, {
      rateLimit: { requestsPerSecond: 50 },
      onEvent: (event) => events.push(event),
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        return response;
      },
    });
    const started = Date.now();
    const query = { type: "access", cv: "1.0.7", responseformat: "json", startdate: FUTURE } as const;
    const results = await Promise.all(Array.from({ length: 200 }, () => client.GET("/api/bitglassapi/logs", { params: { query } })));
    expect(results.map((result) => result.response.status)).toEqual(Array(200).fill(200));
    expect(statuses.filter((status) => status === 429)).toHaveLength(0);
    expect(emulator.count("GET /api/bitglassapi/logs")).toBe(200);
    expect(events.filter((event) => event.type === "request.retry")).toHaveLength(0);
    // 200 calls at 50 per (1 s + margin) take at least three full windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it("keeps to the spec's 10 requests per second by default", async () => {
    const emulator = await startEmulator({ rateLimitPerSecond: 10 });
    const client = createForcepointOneClient({ token: DEMO.token, baseUrl: emulator.url, maxRetries: 0 });
    const query = { type: "admin", cv: "1.0.7", responseformat: "json", startdate: FUTURE } as const;
    const results = await Promise.all(Array.from({ length: 15 }, () => client.GET("/api/bitglassapi/logs", { params: { query } })));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
  });
});
