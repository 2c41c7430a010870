import { afterEach, describe, expect, it } from "vitest";
import { FORCEPOINT_ONE_INSIGHTS_DEMO_KEY as demo, startForcepointOneInsightsEmulator, type ForcepointOneInsightsEmulator } from "../src/index.js";

let emulator: ForcepointOneInsightsEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const tokenFrom = async (server: ForcepointOneInsightsEmulator, init: RequestInit = {}) => {
  const response = await fetch(`${server.portalUrl}/api/apikeys/token`, { method: "POST", ...init });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const exportFrom = (server: ForcepointOneInsightsEmulator, headers: Record<string, string>, body: unknown = { starttime: "2025-08-26 00:00:00", limit: 3 }) =>
  fetch(`${server.url}/api/export/SSE/Admin`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("Forcepoint ONE Insights emulator", () => {
  it("trades a key for a token on the platform host only, and exports with the token on the Insights host only", async () => {
    emulator = await startForcepointOneInsightsEmulator();
    const { status, body } = await tokenFrom(emulator, { headers: { "X-API-KEY": demo.apiKey } });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(["token"]);
    const token = String(body["token"]);
    expect((await exportFrom(emulator, { Authorization: `Bearer ${token}` })).status).toBe(200);
    // Each host serves only its own path.
    expect((await fetch(`${emulator.url}/api/apikeys/token`, { method: "POST", headers: { "X-API-KEY": demo.apiKey } })).status).toBe(404);
    expect((await fetch(`${emulator.portalUrl}/api/export/SSE/Admin`, { method: "POST" })).status).toBe(404);
  });

  it("refuses a missing, unknown or revoked key, a key beside an Authorization header, and a body, without echoing the key", async () => {
    emulator = await startForcepointOneInsightsEmulator();
    expect((await tokenFrom(emulator)).status).toBe(401);
    const unknown = await tokenFrom(emulator, { headers: { "X-API-KEY": "not-a-key" } });
    expect(unknown.status).toBe(401);
    expect(JSON.stringify(unknown.body)).not.toContain("not-a-key");
    expect((await tokenFrom(emulator, { headers: { "X-API-KEY": demo.apiKey, Authorization: "Bearer x" } })).status).toBe(400);
    expect((await tokenFrom(emulator, { headers: { "X-API-KEY": demo.apiKey, "Content-Type": "application/json" }, body: "{}" })).status).toBe(400);
    emulator.revokeKey(demo.apiKey);
    expect((await tokenFrom(emulator, { headers: { "X-API-KEY": demo.apiKey } })).status).toBe(401);
  });

  it("refuses `Bearer:` with a colon, an expired token, the API key on the Insights host and more than 2000 records", async () => {
    emulator = await startForcepointOneInsightsEmulator();
    const token = String((await tokenFrom(emulator, { headers: { "X-API-KEY": demo.apiKey } })).body["token"]);
    expect((await exportFrom(emulator, { Authorization: `Bearer: ${token}` })).status).toBe(401);
    expect((await exportFrom(emulator, { "X-API-KEY": demo.apiKey })).status).toBe(401);
    expect((await exportFrom(emulator, { Authorization: `Bearer ${token}`, "X-API-KEY": demo.apiKey })).status).toBe(400);
    const over = await exportFrom(emulator, { Authorization: `Bearer ${token}` }, { starttime: "2025-08-26 00:00:00", limit: 2001 });
    expect(over.status).toBe(400);
    expect(await over.text()).toContain("limit");
    emulator.expireTokens();
    expect((await exportFrom(emulator, { Authorization: `Bearer ${token}` })).status).toBe(401);
  });
});
