import { afterEach, describe, expect, it } from "vitest";
import { startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "../src/index.js";

describe("cors option", () => {
  let emulator: PaloAltoSaasSecurityEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it("answers a preflight with what it asked for, without routing or recording it", async () => {
    emulator = await startPaloAltoSaasSecurityEmulator({ cors: true });
    const response = await fetch(`${emulator.url}/incident/api/apps`, {
      method: "OPTIONS",
      headers: { Origin: "http://127.0.0.1:9", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:9");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization");
    expect(emulator.count()).toBe(0);
  });

  it("lets the page read a refusal, and still refuses it", async () => {
    emulator = await startPaloAltoSaasSecurityEmulator({ cors: true });
    const response = await fetch(`${emulator.url}/incident/api/apps`, { headers: { Origin: "http://127.0.0.1:9" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:9");
    expect(response.headers.get("access-control-expose-headers")).toBe("*");
  });

  it("sends no CORS headers unless asked", async () => {
    emulator = await startPaloAltoSaasSecurityEmulator();
    const response = await fetch(`${emulator.url}/incident/api/apps`, { headers: { Origin: "http://127.0.0.1:9" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${emulator.url}/incident/api/apps`, { method: "OPTIONS", headers: { Origin: "http://127.0.0.1:9", "Access-Control-Request-Method": "GET" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});
