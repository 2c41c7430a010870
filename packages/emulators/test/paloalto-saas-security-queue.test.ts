import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startPaloAltoSaasSecurityEmulator } from "../src/index.js";
import type { PaloAltoLogEvent, PaloAltoSaasSecurityEmulator } from "../src/index.js";
import { api, getToken, postJson } from "./support/paloalto.js";

let emulator: PaloAltoSaasSecurityEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startPaloAltoSaasSecurityEmulator({ incidents: 30, logEvents: 250, remediationPendingReads: 2 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.reset();
  token = await getToken(emulator);
});

describe("remediation", () => {
  it("accepts a remediation (202, no body) and reports pending, then success", async () => {
    const asset = emulator.incidents[0]!;
    const start = await postJson(emulator, token, "/remediation/api/assets", {
      asset_id: asset.asset_id,
      remediation_type: "remove_public_sharing",
      remove_inherited_sharing: true,
    });
    expect(start.status).toBe(202);
    expect(await start.text()).toBe("");
    const path = `/remediation/api/assets?asset_id=${asset.asset_id}&remediation_type=remove_public_sharing`;
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = (await (await api(emulator, token, path)).json()) as Record<string, string>;
      statuses.push(body["status"]!);
      expect(body).toMatchObject({ asset_id: asset.asset_id, asset_name: asset.asset_name, action_taker: "api" });
      expect(body["action_date"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    }
    expect(statuses).toEqual(["pending", "pending", "success"]);
  });

  it.each([
    ["an unknown type", { asset_id: "x", remediation_type: "delete" }, 400],
    ["inherited sharing with quarantine", { remediation_type: "system_quarantine", remove_inherited_sharing: true }, 400],
    ["a missing asset_id", { asset_id: undefined, remediation_type: "system_quarantine" }, 400],
    ["an unknown asset", { asset_id: "0".repeat(24), remediation_type: "system_quarantine" }, 404],
  ])("answers %s with %s", async (_name, body, status) => {
    const full = { asset_id: emulator.incidents[0]!.asset_id, ...body };
    expect((await postJson(emulator, token, "/remediation/api/assets", full)).status).toBe(status);
  });

  it("needs asset_id and remediation_type to read a status, and 404s when none was started", async () => {
    const asset = emulator.incidents[1]!.asset_id;
    expect((await api(emulator, token, `/remediation/api/assets?asset_id=${asset}`)).status).toBe(400);
    expect((await api(emulator, token, `/remediation/api/assets?asset_id=${asset}&remediation_type=system_restore`)).status).toBe(404);
  });

  it("needs the remediation_api scope", async () => {
    const narrow = await getToken(emulator, ["incident_api"]);
    expect((await api(emulator, narrow, "/remediation/api/assets?asset_id=a&remediation_type=system_restore")).status).toBe(403);
  });
});

describe("log events", () => {
  it("delivers each event exactly once, then 204", async () => {
    const one = await api(emulator, token, "/api/v1/log_events");
    expect(one.status).toBe(200);
    const first = (await one.json()) as PaloAltoLogEvent;
    expect(first).toMatchObject({ log_type: expect.any(String), timestamp: expect.stringMatching(/Z$/) });
    const seen: PaloAltoLogEvent[] = [first];
    for (;;) {
      const res = await api(emulator, token, "/api/v1/log_events_bulk?size=100");
      if (res.status === 204) {
        expect(await res.text()).toBe("");
        break;
      }
      const { events } = (await res.json()) as { events: PaloAltoLogEvent[] };
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThanOrEqual(100);
      seen.push(...events);
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen.map((e) => e.timestamp)).size).toBe(250);
    expect(new Set(seen.map((e) => e.log_type))).toEqual(
      new Set(["policy_violation", "activity_monitoring", "remediation", "incident", "admin_audit"]),
    );
    expect((await api(emulator, token, "/api/v1/log_events")).status).toBe(204);
    emulator.addLogEvents(3);
    const more = (await (await api(emulator, token, "/api/v1/log_events_bulk?size=10")).json()) as { events: unknown[] };
    expect(more.events).toHaveLength(3);
  });

  it.each(["size=0", "size=101", "size=abc", "size=5&size=6", "limit=5"])("answers 400 for %s", async (query) => {
    expect((await api(emulator, token, `/api/v1/log_events_bulk?${query}`)).status).toBe(400);
    expect(emulator.queuedLogEvents).toBe(250);
  });

  it("long-polls for emptyQueueDelayMs, and wakes up when events arrive", async () => {
    const slow = await startPaloAltoSaasSecurityEmulator({ logEvents: 0, incidents: 5, emptyQueueDelayMs: 300 });
    try {
      const slowToken = await getToken(slow, ["api_access"]);
      let started = Date.now();
      expect((await api(slow, slowToken, "/api/v1/log_events")).status).toBe(204);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      started = Date.now();
      const pending = api(slow, slowToken, "/api/v1/log_events_bulk?size=5");
      setTimeout(() => slow.addLogEvents(2), 50);
      const res = await pending;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { events: unknown[] }).events).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(280);
    } finally {
      await slow.close();
    }
  });

  it("close() does not wait for a pending long poll", async () => {
    const slow = await startPaloAltoSaasSecurityEmulator({ logEvents: 0, incidents: 0, emptyQueueDelayMs: 60_000 });
    const slowToken = await getToken(slow, ["api_access"]);
    const pending = api(slow, slowToken, "/api/v1/log_events").then(
      (res) => res.status,
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await slow.close();
    expect(await pending).toBe("dropped");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("faults", () => {
  it("serves an injected 429 with Retry-After, then the normal answer", async () => {
    emulator.injectFault({ path: "/incident/api/apps", status: 429, retryAfter: 2 });
    const limited = await api(emulator, token, "/incident/api/apps");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await limited.json()).toMatchObject({ status: 429, error: "Too Many Requests", path: "/incident/api/apps" });
    expect((await api(emulator, token, "/incident/api/apps")).status).toBe(200);
    expect(emulator.count("GET /incident/api/apps")).toBe(2);
  });

  it("matches by method and RegExp, honours count and a custom body", async () => {
    emulator.injectFault({ method: "POST", path: /^\/oauth\//, status: 503, count: 2, body: { error: "temporarily_unavailable" } });
    const res = await fetch(`${emulator.url}/oauth/token`, { method: "POST" });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "temporarily_unavailable" });
    expect((await fetch(`${emulator.url}/oauth/token`, { method: "POST" })).status).toBe(503);
    await expect(getToken(emulator)).resolves.toEqual(expect.any(String));
  });

  it("drops the connection", async () => {
    emulator.injectFault({ path: "/api/v1/log_events", dropConnection: true });
    await expect(api(emulator, token, "/api/v1/log_events")).rejects.toThrow();
    expect((await api(emulator, token, "/api/v1/log_events")).status).toBe(200);
  });

  it("delays and then answers normally when no status is given", async () => {
    emulator.injectFault({ path: "/incident/api/apps", delayMs: 150 });
    const started = Date.now();
    expect((await api(emulator, token, "/incident/api/apps")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
