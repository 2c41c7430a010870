import { PALOALTO_SAAS_SECURITY_DEMO_CLIENT as DEMO, startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, type SecfetchEvent } from "../../src/building-blocks.js";
import { lifecycle } from "../support/events.js";
import { paloAltoDefinition, type PaloAltoAppsPaths } from "../support/paloalto-definition.js";

// The token cycle under load, over real sockets against the Palo Alto emulator.

let emulator: PaloAltoSaasSecurityEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Parameters<typeof startPaloAltoSaasSecurityEmulator>[0] = {}) {
  emulator = await startPaloAltoSaasSecurityEmulator(options);
  return emulator;
}

function client(server: PaloAltoSaasSecurityEmulator) {
  const events: SecfetchEvent[] = [];
  const options = { baseUrl: server.url, clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, onEvent: (event: SecfetchEvent) => events.push(event) };
  const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options);
  return { api, events };
}

/** Runs `count` calls at once; returns each call's status, or the error it threw. */
async function burst(api: ReturnType<typeof client>["api"], count: number): Promise<unknown[]> {
  return Promise.all(
    Array.from({ length: count }, () =>
      api.GET("/incident/api/apps").then(
        (result) => result.response.status,
        (error: unknown) => error,
      ),
    ),
  );
}

const tokensUsed = (server: PaloAltoSaasSecurityEmulator) =>
  new Set(server.requests.filter((request) => request.route === "GET /incident/api/apps").map((request) => request.headers.authorization));

describe("token cycle under load (emulator)", () => {
  it("1,000 concurrent cold calls share one token request and all succeed", async () => {
    const server = await start();
    const { api, events } = client(server);
    const started = performance.now();
    const outcomes = await burst(api, 1_000);
    const elapsed = performance.now() - started;
    expect(outcomes.filter((outcome) => outcome !== 200)).toEqual([]);
    expect(server.count("POST /oauth/token")).toBe(1);
    expect(server.count("GET /incident/api/apps")).toBe(1_000);
    expect(tokensUsed(server).size).toBe(1);
    expect(lifecycle(events)).toEqual(["token.issued"]);
    console.info(`1,000 cold calls: ${elapsed.toFixed(0)} ms, ${server.count("POST /oauth/token")} token request`);
  });

  it("tokens expiring mid-burst: 200 concurrent calls cause exactly one new token request and no failure", async () => {
    const server = await start();
    const { api, events } = client(server);
    expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
    expect(server.count("POST /oauth/token")).toBe(1);
    server.expireTokens();

    const outcomes = await burst(api, 200);
    expect(outcomes.filter((outcome) => outcome !== 200)).toEqual([]);
    expect(server.count("POST /oauth/token")).toBe(2);
    // Calls that went out with the expired token were refused and replayed once with the new one.
    const refused = server.requests.filter((request) => request.route === "GET /incident/api/apps").length - 1 - 200;
    expect(refused).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === "request.replay")).toHaveLength(refused);
    expect(tokensUsed(server).size).toBe(2);
    expect(events.filter((event) => event.type === "token.refreshed" || event.type === "token.issued")).toHaveLength(2);
    expect(events.filter((event) => event.type === "token.failed")).toEqual([]);
  });

  it("a token reaching its last stretch as a burst starts: 200 calls wait for exactly one refresh, none refused", async () => {
    const server = await start({ tokenTtlSeconds: 2 });
    const { api, events } = client(server);
    expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
    // Past the refresh window and the last-stretch mark (a tenth of the lifetime before expiry):
    // every caller must wait, and all of them share one refresh.
    await new Promise((resolve) => setTimeout(resolve, 1_850));
    const outcomes = await burst(api, 200);
    expect(outcomes.filter((outcome) => outcome !== 200)).toEqual([]);
    expect(events.filter((event) => event.type === "request.replay")).toEqual([]);
    // Exactly one refresh the callers waited for. On a slow machine the burst can outlast the new
    // token's own refresh window (2 s tokens): a background refresh then follows, never a second wait.
    const refreshes = events.filter((event) => event.type === "token.refreshed");
    expect(refreshes.filter((event) => !event.background)).toHaveLength(1);
    expect(server.count("POST /oauth/token")).toBe(1 + refreshes.length);
    expect(events.filter((event) => event.type === "token.failed")).toEqual([]);
  });

  it("a 2-second token under continuous load for 3 s: refreshed ahead of expiry, never refused", async () => {
    const server = await start({ tokenTtlSeconds: 2 });
    const { api, events } = client(server);
    const outcomes: unknown[] = [];
    const until = performance.now() + 3_000;
    const worker = async () => {
      while (performance.now() < until) {
        outcomes.push(
          await api.GET("/incident/api/apps").then(
            (result) => result.response.status,
            (error: unknown) => error,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    expect(outcomes.length).toBeGreaterThan(100);
    expect(outcomes.filter((outcome) => outcome !== 200)).toEqual([]);
    expect(events.filter((event) => event.type === "request.replay")).toEqual([]);
    // No call was ever refused by the emulator: every token was replaced before it lapsed.
    expect(server.requests.filter((request) => request.route === "GET /incident/api/apps")).toHaveLength(outcomes.length);
    // Refreshed in the background at half its life: about every second, so 3 or 4 tokens in 3 s.
    const tokenRequests = server.count("POST /oauth/token");
    expect(tokenRequests).toBeGreaterThanOrEqual(3);
    expect(tokenRequests).toBeLessThanOrEqual(5);
    expect(events.filter((event) => event.type === "token.refreshed" && event.background)).toHaveLength(tokenRequests - 1);
    console.info(`3 s of load: ${outcomes.length} calls, ${tokenRequests} token requests`);
  });
});
