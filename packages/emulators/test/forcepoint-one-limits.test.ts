import { afterEach, expect, it } from "vitest";
import { FORCEPOINT_ONE_DEMO_CREDENTIALS as demo, startForcepointOneEmulator } from "../src/index.js";
import type { ForcepointOneEmulator, ForcepointOneEmulatorOptions } from "../src/index.js";

let emulator: ForcepointOneEmulator | undefined;
afterEach(() => emulator?.close());

async function start(options: ForcepointOneEmulatorOptions): Promise<ForcepointOneEmulator> {
  emulator = await startForcepointOneEmulator(options);
  return emulator;
}

const headers = { Authorization: `Bearer ${demo.token}` };
const LOGS = "/api/bitglassapi/logs?type=admin&cv=1.1.5&responseformat=json&startdate=2020-01-01T00:00:00Z";

it("answers 429 with Retry-After past rateLimitPerSecond in a 1-second window, then lets requests through again", async () => {
  const em = await start({ rateLimitPerSecond: 4 });
  const statuses = await Promise.all(Array.from({ length: 7 }, () => fetch(`${em.url}${LOGS}`, { headers }).then((res) => res)));
  expect(statuses.filter((res) => res.status === 200)).toHaveLength(4);
  const limited = statuses.filter((res) => res.status === 429);
  expect(limited).toHaveLength(3);
  expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(await limited[0]!.json()).toEqual({ status: expect.stringMatching(/Too many requests/) });
  await new Promise((resolve) => setTimeout(resolve, 1050));
  expect((await fetch(`${em.url}${LOGS}`, { headers })).status).toBe(200);
});

it("counts the rate limit before authentication, and answers SCIM paths with a SCIM error", async () => {
  const em = await start({ rateLimitPerSecond: 1 });
  expect((await fetch(`${em.url}${LOGS}`)).status).toBe(401);
  const scim = await fetch(`${em.url}/api/bitglassapi/v2/scim/Users`, { headers });
  expect(scim.status).toBe(429);
  expect(scim.headers.get("content-type")).toBe("application/scim+json");
  expect(await scim.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "429" });
});

it("enforces the config API's daily quota with the service's message", async () => {
  const em = await start({ rateLimitPerSecond: null, configDailyQuota: 2 });
  const call = () =>
    fetch(`${em.url}/api/bitglassapi/config/v1.1/?type=group&action=createupdate`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ groupname: "quota" }),
    });
  expect((await call()).status).toBe(200);
  expect((await call()).status).toBe(200);
  const over = await call();
  expect(over.status).toBe(429);
  expect(((await over.json()) as { status: string }).status).toMatch(
    /^You have exceeded your allowance of 2 requests per day for config logs\. Limit will reset at \d{4}-\d{2}-\d{2} 00:00:00\+00:00$/,
  );
  expect(em.configCallsToday).toBe(2);
});

it("serves injected faults with the API's own error body", async () => {
  const em = await start({ rateLimitPerSecond: null });
  em.injectFault({ path: "/api/bitglassapi/logs", status: 503, retryAfter: 2 });
  const res = await fetch(`${em.url}${LOGS}`, { headers });
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("2");
  expect(await res.json()).toEqual({ status: "Service Unavailable" });
  expect((await fetch(`${em.url}${LOGS}`, { headers })).status).toBe(200);
  expect(em.count("GET /api/bitglassapi/logs")).toBe(2);
});
