import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startPaloAltoSaasSecurityEmulator } from "../src/index.js";
import type { PaloAltoIncident, PaloAltoSaasSecurityEmulator } from "../src/index.js";
import { api, getToken, postJson } from "./support/paloalto.js";

interface Page {
  resources: PaloAltoIncident[];
  nextPath: string;
  limit: number;
}

let emulator: PaloAltoSaasSecurityEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startPaloAltoSaasSecurityEmulator({ incidents: 120, logEvents: 0 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.reset();
  token = await getToken(emulator, ["incident_api"]);
});

async function page(path: string): Promise<Page> {
  const res = await api(emulator, token, path);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

/** Follows nextPath until a short page; returns every incident and the number of pages. */
async function walk(first: string): Promise<{ incidents: PaloAltoIncident[]; pages: number; last: Page }> {
  const incidents: PaloAltoIncident[] = [];
  let path = first;
  for (let pages = 1; ; pages++) {
    const current = await page(path);
    incidents.push(...current.resources);
    if (current.resources.length < current.limit) return { incidents, pages, last: current };
    path = current.nextPath;
  }
}

describe("GET /incident/api/incidents/delta", () => {
  it("walks every open incident with nextPath, ordered by updated_at then id", async () => {
    const open = emulator.incidents.filter((i) => i.state === "open");
    const { incidents, pages, last } = await walk("/incident/api/incidents/delta?limit=10");
    expect(incidents.map((i) => i.incident_id)).toEqual(open.map((i) => i.incident_id));
    expect(pages).toBe(Math.floor(open.length / 10) + 1);
    expect(last.nextPath).toMatch(/^\/incident\/api\/incidents\/delta\?limit=10&from=.+&state=open$/);
    const sorted = [...incidents].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
    expect(incidents).toEqual(sorted);
  });

  it("keeps filters and limit in nextPath, and an exact multiple ends with an empty page", async () => {
    const all = emulator.incidents;
    const from = all[20]!.updated_at;
    const to = all[49]!.updated_at; // 30 incidents in the window
    const first = await page(`/incident/api/incidents/delta?limit=10&from=${from}&to=${to}&state=open,closed`);
    expect(first.resources.map((i) => i.incident_id)).toEqual(all.slice(20, 30).map((i) => i.incident_id));
    const next = new URL(first.nextPath, emulator.url);
    expect(Object.fromEntries(next.searchParams)).toEqual({
      limit: "10",
      from: new Date(Date.parse(all[29]!.updated_at) + 1).toISOString(),
      to,
      state: "open,closed",
    });
    const rest = await walk(first.nextPath);
    expect(rest.pages).toBe(3); // 10, 10, then an empty page that still carries nextPath
    expect(rest.last.resources).toEqual([]);
    expect(rest.last.nextPath).toContain("/incident/api/incidents/delta?");
  });

  it("defaults to 50 per page and the open state", async () => {
    const first = await page("/incident/api/incidents/delta");
    expect(first.limit).toBe(50);
    expect(first.resources).toHaveLength(50);
    expect(first.resources.every((i) => i.state === "open")).toBe(true);
  });

  it("filters by app, severity and status", async () => {
    const app = emulator.apps[0]!;
    const { incidents } = await walk(
      `/incident/api/incidents/delta?limit=1000&state=open,closed&app_ids=${app.app_id}&severity=4,5`,
    );
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.every((i) => i.app_id === app.app_id && ["High", "Critical"].includes(i.severity))).toBe(true);
    const byStatus = await page("/incident/api/incidents/delta?limit=1000&state=open,closed&status=open-new,closed-no%20reason");
    expect(byStatus.resources.length).toBeGreaterThan(0);
    expect(new Set(byStatus.resources.map((i) => i.status))).toEqual(new Set(["Open-New", "Closed-No Reason"]));
  });

  it.each([
    "limit=9",
    "limit=1001",
    "limit=ten",
    "limit=10&limit=20",
    "from=yesterday",
    "from=2024-12-02",
    "state=pending",
    "severity=high",
    "status=Open-New",
    "app_ids=a,,b",
    "page_size=10",
  ])("answers 400 for %s", async (query) => {
    const res = await api(emulator, token, `/incident/api/incidents/delta?${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, error: "Bad Request", path: "/incident/api/incidents/delta" });
  });
});

describe("one incident", () => {
  it("gets an incident, 404 for an unknown id, 400 for a non-integer id", async () => {
    const known = emulator.incidents[0]!;
    const res = await api(emulator, token, `/incident/api/incidents/${known.incident_id}`);
    expect(await res.json()).toEqual(known);
    expect((await api(emulator, token, "/incident/api/incidents/1")).status).toBe(404);
    expect((await api(emulator, token, "/incident/api/incidents/abc")).status).toBe(400);
  });

  it("closes an incident and moves it to the end of the delta order", async () => {
    const target = emulator.incidents.find((i) => i.state === "open")!;
    const res = await postJson(emulator, token, `/incident/api/incidents/${target.incident_id}/state`, {
      state: "closed",
      category: "misidentified",
    });
    expect(res.status).toBe(200);
    const state = (await res.json()) as Record<string, unknown>;
    expect(state).toEqual({ state: "closed", category: "misidentified", resolved_by: "api", resolution_date: expect.any(String) });
    const after = emulator.incidents.at(-1)!;
    expect(after).toMatchObject({ incident_id: target.incident_id, state: "closed", status: "Closed-Misidentified" });
    expect(after.updated_at).toBe(state["resolution_date"]);
  });

  it.each([
    ["state open", { state: "open", category: "misidentified" }],
    ["an unknown category", { state: "closed", category: "dismiss" }],
    ["a missing category", { state: "closed" }],
    ["an extra field", { state: "closed", category: "no_reason", reason: "x" }],
  ])("answers 400 for %s", async (_name, body) => {
    const id = emulator.incidents[0]!.incident_id;
    expect((await postJson(emulator, token, `/incident/api/incidents/${id}/state`, body)).status).toBe(400);
  });

  it("answers 415 for a form body and 400 for malformed JSON", async () => {
    const path = `/incident/api/incidents/${emulator.incidents[0]!.incident_id}/state`;
    const form = await api(emulator, token, path, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "state=closed&category=no_reason",
    });
    expect(form.status).toBe(415);
    const broken = await api(emulator, token, path, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" });
    expect(broken.status).toBe(400);
  });
});

describe("GET /incident/api/apps", () => {
  it("lists apps as a bare array", async () => {
    const apps = await (await api(emulator, token, "/incident/api/apps")).json();
    expect(apps).toEqual(emulator.apps);
    expect(emulator.apps[0]).toEqual({ app_id: expect.stringMatching(/^[0-9a-f]{32}$/), app_name: "Box 1", app_type: "box" });
  });
});

describe("seeding", () => {
  it("is deterministic for a seed", async () => {
    const other = await startPaloAltoSaasSecurityEmulator({ incidents: 120, logEvents: 0 });
    const different = await startPaloAltoSaasSecurityEmulator({ incidents: 120, logEvents: 0, seed: 2 });
    try {
      expect(other.incidents).toEqual(emulator.incidents);
      expect(different.incidents).not.toEqual(emulator.incidents);
    } finally {
      await Promise.all([other.close(), different.close()]);
    }
  });
});
