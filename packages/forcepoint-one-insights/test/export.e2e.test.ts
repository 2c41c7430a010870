import { FORCEPOINT_ONE_INSIGHTS_DEMO_KEY as DEMO, startForcepointOneInsightsEmulator, type ForcepointOneInsightsEmulator } from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, createForcepointOneInsightsClient, type ForcepointOneInsightsClientOptions } from "../src/index.js";

const running: ForcepointOneInsightsEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function startEmulator(options: Parameters<typeof startForcepointOneInsightsEmulator>[0] = {}) {
  const emulator = await startForcepointOneInsightsEmulator(options);
  running.push(emulator);
  return emulator;
}

function clientFor(emulator: ForcepointOneInsightsEmulator, extra: Partial<ForcepointOneInsightsClientOptions> = {}) {
  return createForcepointOneInsightsClient({ apiKey: DEMO.apiKey, baseUrl: emulator.url, portalUrl: emulator.portalUrl, ...extra });
}

const DAY = { starttime: "2025-08-26 00:00:00" };
const TOKEN = "POST /api/apikeys/token";
const EXPORT = "POST /api/export/{product}/{collection}";
const exportAdmin = (client: ReturnType<typeof clientFor>, body: Record<string, unknown> = {}) =>
  client.POST("/api/export/{product}/{collection}", { params: { path: { product: "SSE", collection: "Admin" } }, body: { ...DAY, ...body } });

describe("Insights sign-in: an API key traded for a bearer token", () => {
  it("trades the key once for many calls, concurrent ones included, and sends each credential only to its own host", async () => {
    const server = await startEmulator();
    const client = clientFor(server);
    const answers = await Promise.all(Array.from({ length: 8 }, () => exportAdmin(client, { limit: 5 })));
    expect(answers.map((a) => a.response.status)).toEqual(Array(8).fill(200));
    expect(answers[0]!.data!.data).toHaveLength(5);
    expect(server.count(TOKEN)).toBe(1);

    const toPortal = server.requests.filter((r) => r.route === TOKEN);
    const toInsights = server.requests.filter((r) => r.route === EXPORT);
    expect(toPortal.every((r) => r.headers["x-api-key"] === DEMO.apiKey && r.headers["authorization"] === undefined)).toBe(true);
    expect(toInsights.every((r) => r.headers["x-api-key"] === undefined && r.headers["authorization"] === `Bearer ${server.tokens.length === 1 ? "at_" + server.tokens[0]!.token : "?"}`)).toBe(true);
  });

  it("trades the key again when the service says the token expired, and replays the call once", async () => {
    const server = await startEmulator();
    const client = clientFor(server);
    expect((await exportAdmin(client, { limit: 1 })).response.status).toBe(200);
    server.expireTokens();
    const { response } = await exportAdmin(client, { limit: 1 });
    expect(response.status).toBe(200);
    expect(server.count(TOKEN)).toBe(2);
    expect(server.count(EXPORT)).toBe(3);
  });

  it("renews the token ahead of the lifetime the answer gives, without a refused call", async () => {
    const server = await startEmulator({ sendExpiresIn: true, tokenTtlSeconds: 3 });
    const client = clientFor(server);
    await exportAdmin(client, { limit: 1 });
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const { response } = await exportAdmin(client, { limit: 1 });
    expect(response.status).toBe(200);
    expect(server.count(TOKEN)).toBe(2);
    // No call was refused on the way: the old token was never sent after it ran out.
    expect(server.requests.filter((r) => r.route === EXPORT)).toHaveLength(2);
  });

  it("refuses a revoked key with an AuthenticationError that names the cause and never the key", async () => {
    const key = "k3y/with+odd=chars&\u00e9-and-more-0123456789";
    const server = await startEmulator({ keys: [{ apiKey: key }] });
    server.revokeKey(key);
    const error = await exportAdmin(clientFor(server, { apiKey: key })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect((error as AuthenticationError).message).toContain("Check the API key");
    const everything = JSON.stringify({ error, message: (error as Error).message, stack: (error as Error).stack, body: (error as AuthenticationError).body });
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(encodeURIComponent(key));
    // The refused key is not traded again and again.
    expect(server.count(TOKEN)).toBe(1);
    expect(server.count(EXPORT)).toBe(0);
  });
});

describe("export", () => {
  it("reads a day of one collection 100 records at a time by offset, each record once, and narrows by fields and filters", async () => {
    const server = await startEmulator({ records: 400 });
    const client = clientFor(server);
    const seen: string[] = [];
    for (let offset = 1; ; offset += 100) {
      const { data } = await exportAdmin(client, { offset, limit: 100 });
      seen.push(...data!.data.map((record) => String(record["requestid"])));
      if (data!.data.length < 100) break;
    }
    const dayEnd = Date.parse("2025-08-27T00:00:00Z");
    const expected = server.records("Admin").filter((record) => Date.parse(`${String(record["eventTime"]).replace(" ", "T")}Z`) < dayEnd);
    expect(seen).toEqual(expected.map((record) => record["requestid"]));

    const user = String(expected[0]!["user"]);
    const { data } = await exportAdmin(client, { fields: [{ name: "eventTime" }, { name: "user" }], filters: { user: { eq: [user] } } });
    expect(data!.data.length).toBeGreaterThan(0);
    expect(data!.data.every((record) => record["user"] === user && Object.keys(record).sort().join() === "eventTime,user")).toBe(true);
  });

  it("refuses more than 2000 records a call, an unknown collection and a start time in another format, naming the field", async () => {
    const server = await startEmulator();
    const client = clientFor(server);
    const over = await exportAdmin(client, { limit: 2001 });
    expect(over.response.status).toBe(400);
    expect(JSON.stringify(over.error)).toContain("limit");
    const iso = await exportAdmin(client, { starttime: "2025-08-26T00:00:00Z" });
    expect(iso.response.status).toBe(400);
    expect(JSON.stringify(iso.error)).toContain("starttime");
    // @ts-expect-error not a collection
    const unknown = await client.POST("/api/export/{product}/{collection}", { params: { path: { product: "SSE", collection: "Email" } }, body: DAY });
    expect(unknown.response.status).toBe(400);
  });

  it("refuses a plain-http token host that is not loopback before sending the key", async () => {
    const server = await startEmulator();
    expect(() => clientFor(server, { portalUrl: "http://portal.example.com" })).toThrow(/https/);
  });
});
