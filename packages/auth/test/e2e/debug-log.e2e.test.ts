import { startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createApiClient, type CommonClientOptions } from "../../src/index.js";
import { formatEvent } from "../../src/debug-log.js";
import { recognisable } from "../support/leaks.js";
import { paloAltoDefinition, type PaloAltoAppsPaths } from "../support/paloalto-definition.js";

// SECFETCH_DEBUG=1: one line per sign-in, retry and replay on stderr, over real sockets, with no
// secret in any line.

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
  return createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options as CommonClientOptions);
}

it("logs sign-in, a retry and a replay, one redacted line each, prefixed with the package", async () => {
  process.env.SECFETCH_DEBUG = "1";
  const api = client();
  emulator.injectFault({ path: "/incident/api/apps", status: 503, retryAfter: 0 });
  expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
  emulator.expireTokens();
  expect((await api.GET("/incident/api/apps")).response.status).toBe(200);

  const source = paloAltoDefinition.packageName;
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^\\[${source}\\] signed in: token issued in \\d+ ms, valid \\d+ s$`)),
    expect.stringMatching(/\] GET http:\/\/127\.0\.0\.1:\d+\/incident\/api\/apps: retry 1 in \d+ ms \(HTTP 503\)$/),
    expect.stringMatching(/\] GET http:\/\/127\.0\.0\.1:\d+\/incident\/api\/apps: token refused with HTTP 401; signed in again, replaying once$/),
    expect.stringMatching(/\] signed in: token issued/),
  ]);
  for (const line of lines) expect(line).not.toContain(SECRET);
});

it("logs a failed sign-in with its redacted reason", async () => {
  process.env.SECFETCH_DEBUG = "true";
  const options = { baseUrl: emulator.url, clientId: CLIENT_ID, clientSecret: `${SECRET}-wrong` };
  const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, options as CommonClientOptions);
  await expect(api.GET("/incident/api/apps")).rejects.toThrow();
  expect(lines.some((line) => /sign-in failed after \d+ ms: AuthenticationError \(HTTP 401\)/.test(line))).toBe(true);
  for (const line of lines) expect(line).not.toContain(SECRET);
});

it.each([undefined, "", "0", "false", "FALSE"])("stays silent with SECFETCH_DEBUG=%j", async (value) => {
  if (value !== undefined) process.env.SECFETCH_DEBUG = value;
  expect((await client().GET("/incident/api/apps")).response.status).toBe(200);
  expect(lines).toEqual([]);
});

it("formats every kind of event", () => {
  expect(formatEvent({ type: "token.refreshed", durationMs: 12, expiresInMs: null, background: true })).toBe("token refreshed ahead of expiry in 12 ms, no expiry given");
  expect(formatEvent({ type: "request.retry", method: "POST", url: "https://x.example/a", attempt: 2, delayMs: 400, reason: "network error" })).toBe(
    "POST https://x.example/a: retry 2 in 400 ms (network error)",
  );
});
