import { startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createApiClient, type SecfetchEvent } from "../../src/building-blocks.js";
import { formatEvent } from "../../src/debug-format.js";
import { recognisable } from "../support/leaks.js";
import { paloAltoDefinition, type PaloAltoAppsPaths } from "../support/paloalto-definition.js";

// SECFETCH_DEBUG=1: one line per request, sign-in step, page, sign-in, retry and replay on
// stderr, over real sockets, with no secret in any line.

const CLIENT_ID = "debug-client";
const SECRET = recognisable("DEBUG-SECRET");
let emulator: PaloAltoSaasSecurityEmulator;
let lines: string[];

beforeEach(async () => {
  emulator = await startPaloAltoSaasSecurityEmulator({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }] });
  lines = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete process.env.SECFETCH_DEBUG;
  await emulator.close();
});

function client() {
  const options = { baseUrl: emulator.url, clientId: CLIENT_ID, clientSecret: SECRET };
  return createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options);
}

it("logs each request, sign-in step, retry and replay, one redacted line each, prefixed with the package", async () => {
  process.env.SECFETCH_DEBUG = "1";
  const api = client();
  emulator.injectFault({ path: "/incident/api/apps", status: 503, retryAfter: 0 });
  expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
  emulator.expireTokens();
  expect((await api.GET("/incident/api/apps")).response.status).toBe(200);

  const source = paloAltoDefinition.packageName;
  const apps = String.raw`GET http://127\.0\.0\.1:\d+/incident/api/apps`;
  const tokenStep = /\] sign-in step POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token: HTTP 200 in \d+ ms$/;
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^\\[${source}\\] sign-in step POST`)),
    expect.stringMatching(new RegExp(`^\\[${source}\\] signed in: token issued in \\d+ ms, valid \\d+ s$`)),
    expect.stringMatching(new RegExp(`\\] ${apps}: retry 1 in \\d+ ms \\(HTTP 503\\)$`)),
    expect.stringMatching(new RegExp(`\\] ${apps}: HTTP 200 in \\d+ ms$`)),
    expect.stringMatching(new RegExp(`\\] ${apps}: token refused with HTTP 401; signed in again, replaying once$`)),
    expect.stringMatching(tokenStep),
    expect.stringMatching(/\] signed in: token issued/),
    expect.stringMatching(new RegExp(`\\] ${apps}: HTTP 200 in \\d+ ms$`)),
  ]);
  expect(lines[0]).toMatch(tokenStep);
  for (const line of lines) expect(line).not.toContain(SECRET);
});

it("logs a failed sign-in with its redacted reason", async () => {
  process.env.SECFETCH_DEBUG = "true";
  const options = { baseUrl: emulator.url, clientId: CLIENT_ID, clientSecret: `${SECRET}-wrong` };
  const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options);
  await expect(api.GET("/incident/api/apps")).rejects.toThrow();
  expect(lines.some((line) => /sign-in failed after \d+ ms: AuthenticationError \(HTTP 401\)/.test(line))).toBe(true);
  for (const line of lines) expect(line).not.toContain(SECRET);
});

it.each([undefined, "", "0", "false", "FALSE"])("stays silent with SECFETCH_DEBUG=%j", async (value) => {
  if (value !== undefined) process.env.SECFETCH_DEBUG = value;
  expect((await client().GET("/incident/api/apps")).response.status).toBe(200);
  expect(lines).toEqual([]);
});

it("logs each page of a walk with its item count", async () => {
  process.env.SECFETCH_DEBUG = "1";
  const api = client() as unknown as { paginate(path: string, init: object): AsyncIterable<unknown> };
  let items = 0;
  for await (const _ of api.paginate("/incident/api/incidents/delta", { params: { query: { limit: 50 } } })) items++;
  const pages = lines.filter((line) => line.includes("page "));
  expect(pages.length).toBe(Math.ceil(items / 50));
  expect(pages[0]).toMatch(/\] page 1 of GET \/incident\/api\/incidents\/delta: 50 items in \d+ ms$/);
});

it("tells onEvent of a request that got no answer, redacted, and makes no per-request event when nobody listens", async () => {
  const events: SecfetchEvent[] = [];
  const options = { baseUrl: emulator.url, clientId: CLIENT_ID, clientSecret: SECRET, maxRetries: 0, onEvent: (event: SecfetchEvent) => events.push(event) };
  const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options);
  await api.GET("/incident/api/apps");
  emulator.injectFault({ path: "/incident/api/apps", dropConnection: true });
  await expect(api.GET("/incident/api/apps")).rejects.toThrow();
  const failed = events.find((event) => event.type === "request.failed");
  expect(failed).toMatchObject({ method: "GET", signIn: false, error: { name: "NetworkError" } });
  expect(JSON.stringify(events)).not.toContain(SECRET);
  expect(events.filter((event) => event.type === "request.completed").map((event) => (event as { signIn: boolean }).signIn)).toEqual([true, false]);
});

it("formats every kind of event", () => {
  expect(formatEvent({ type: "request.completed", method: "POST", url: "https://x.example/t", status: 200, durationMs: 3, signIn: true })).toBe(
    "sign-in step POST https://x.example/t: HTTP 200 in 3 ms",
  );
  expect(formatEvent({ type: "request.failed", method: "GET", url: "https://x.example/a", durationMs: 9, signIn: false, error: { name: "TimeoutError", message: "no answer" } })).toBe(
    "GET https://x.example/a: failed after 9 ms: TimeoutError: no answer",
  );
  expect(formatEvent({ type: "page.fetched", path: "/a", page: 2, items: 1, durationMs: 4 })).toBe("page 2 of GET /a: 1 item in 4 ms");
  expect(formatEvent({ type: "token.refreshed", durationMs: 12, expiresInMs: null, background: true })).toBe("token refreshed ahead of expiry in 12 ms, no expiry given");
  expect(formatEvent({ type: "request.retry", method: "POST", url: "https://x.example/a", attempt: 2, delayMs: 400, reason: "network error" })).toBe(
    "POST https://x.example/a: retry 2 in 400 ms (network error)",
  );
  expect(formatEvent({ type: "store.unavailable", error: { name: "ClientOfflineError", message: "The client is offline" } })).toBe(
    "token store unavailable (ClientOfflineError: The client is offline); going on with tokens held in this process",
  );
  expect(formatEvent({ type: "store.restored", outageMs: 42_400 })).toBe("token store back after 42 s; sharing tokens again");
});
