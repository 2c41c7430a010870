import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSophosCentralEmulator } from "../src/index.js";
import type { SophosCentralEmulator, SophosPrincipalType, SophosTenantSeed } from "../src/index.js";

let emulator: SophosCentralEmulator;

beforeAll(async () => {
  const tenants: SophosTenantSeed[] = [{ region: "eu01", endpoints: 23, alerts: 7, siemEvents: 9, siemAlerts: 3 }];
  for (let i = 0; i < 11; i++) tenants.push({ region: i % 2 ? "us01" : "eu02", endpoints: 1, alerts: 0, siemEvents: 0, siemAlerts: 0 });
  emulator = await startSophosCentralEmulator({ tenants });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function get(base: string, path: string, kind: SophosPrincipalType, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${emulator.issueToken(kind)}`, ...headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const asTenant = (path: string) => get(emulator.regionUrls["eu01"]!, path, "tenant", { "X-Tenant-ID": emulator.ids.tenant });
const asPartner = (path: string) => get(emulator.globalUrl, path, "partner", { "X-Partner-ID": emulator.ids.partner });
const ids = (body: Record<string, unknown>) => (body["items"] as Array<{ id: string }>).map((item) => item.id);

describe("tenant lists: page number", () => {
  it("walks every page with pageTotal=true", async () => {
    const first = await asPartner("/partner/v1/tenants?pageSize=5&pageTotal=true");
    expect(first.body["pages"]).toEqual({ current: 1, size: 5, total: 3, items: 12, maxSize: 100 });
    const seen = [...ids(first.body)];
    for (let page = 2; page <= 3; page++) seen.push(...ids((await asPartner(`/partner/v1/tenants?pageSize=5&page=${page}&pageTotal=true`)).body));
    expect(new Set(seen).size).toBe(12);
    const past = await asPartner("/partner/v1/tenants?pageSize=5&page=4&pageTotal=true");
    expect(past.body["items"]).toEqual([]);
  });

  it("leaves pages.total and pages.items out without pageTotal=true", async () => {
    const { body } = await asPartner("/partner/v1/tenants");
    expect(body["pages"]).toEqual({ current: 1, size: 50, maxSize: 100 });
  });

  it("refuses a pageSize over 100 and unknown parameters", async () => {
    expect((await asPartner("/partner/v1/tenants?pageSize=101")).status).toBe(400);
    expect((await asPartner("/partner/v1/tenants?limit=5")).status).toBe(400);
  });
});

describe("endpoints and alerts: pageFromKey / nextKey", () => {
  it("walks every endpoint page and stops where nextKey is absent", async () => {
    const seen: string[] = [];
    let key: string | undefined;
    let pages = 0;
    do {
      const { body } = await asTenant(`/endpoint/v1/endpoints?pageSize=10${key ? `&pageFromKey=${encodeURIComponent(key)}` : ""}`);
      seen.push(...ids(body));
      key = (body["pages"] as { nextKey?: string }).nextKey;
      pages += 1;
    } while (key);
    expect(pages).toBe(3);
    expect(seen).toEqual(emulator.endpoints(emulator.ids.tenant).map((e) => e.id));
  });

  it("keeps filters and sort across pages and reports totals on request", async () => {
    const first = await asTenant("/endpoint/v1/endpoints?pageSize=4&sort=hostname:desc&pageTotal=true&view=basic");
    const pages = first.body["pages"] as Record<string, unknown>;
    expect(pages).toMatchObject({ size: 4, total: 6, items: 23, maxSize: 500, nextKey: expect.any(String) });
    expect(Object.keys((first.body["items"] as object[])[0]!).sort()).toEqual(["hostname", "id", "tenant", "type"]);
    const second = await asTenant(`/endpoint/v1/endpoints?pageSize=4&sort=hostname:desc&pageFromKey=${pages["nextKey"]}`);
    const names = [...(first.body["items"] as Array<{ hostname: string }>), ...(second.body["items"] as Array<{ hostname: string }>)].map((e) => e.hostname);
    expect(names).toEqual([...names].sort().reverse());
    const otherSort = await asTenant(`/endpoint/v1/endpoints?pageSize=4&pageFromKey=${pages["nextKey"]}`);
    expect(otherSort.status).toBe(400);
  });

  it("refuses pageSize over 500 and a forged key", async () => {
    expect((await asTenant("/endpoint/v1/endpoints?pageSize=501")).status).toBe(400);
    expect((await asTenant("/endpoint/v1/endpoints?pageFromKey=nonsense")).status).toBe(400);
  });

  it("pages alerts the same way", async () => {
    const first = await asTenant("/common/v1/alerts?pageSize=5");
    const next = (first.body["pages"] as { nextKey: string; maxSize: number }).nextKey;
    expect((first.body["pages"] as { maxSize: number }).maxSize).toBe(1000);
    const second = await asTenant(`/common/v1/alerts?pageSize=5&pageFromKey=${next}`);
    expect(second.body["pages"]).not.toHaveProperty("nextKey");
    expect([...ids(first.body), ...ids(second.body)]).toHaveLength(7);
  });
});

describe("endpoint filters", () => {
  type Listed = { id: string; lastOsUpdateAt: string; lastAgentUpdateAt: string; cloud?: { provider: string; instanceId: string } };
  const full = () => emulator.endpoints(emulator.ids.tenant) as unknown as Listed[];
  const listed = async (query: string) => {
    const { status, body } = await asTenant(`/endpoint/v1/endpoints?pageSize=500&view=full&${query}`);
    expect(status).toBe(200);
    return ids(body).sort();
  };

  it("filters by OS and agent update times, as a date-time or a duration back from now", async () => {
    const endpoints = full();
    const middle = [...endpoints].map((e) => e.lastOsUpdateAt).sort()[Math.floor(endpoints.length / 2)]!;
    const before = endpoints.filter((e) => e.lastOsUpdateAt < middle).map((e) => e.id).sort();
    expect(before.length).toBeGreaterThan(0);
    expect(await listed(`lastOsUpdateBefore=${encodeURIComponent(middle)}`)).toEqual(before);
    expect(await listed(`lastOsUpdateAfter=${encodeURIComponent(middle)}`)).toEqual(endpoints.filter((e) => e.lastOsUpdateAt >= middle).map((e) => e.id).sort());
    const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
    // Agent updates are seeded within the last 14 days; allow a second of clock drift around the bound.
    const recent = endpoints.filter((e) => Date.parse(e.lastAgentUpdateAt) >= weekAgo + 1000).map((e) => e.id);
    const got = await listed("lastAgentUpdateAfter=-P7D");
    for (const id of recent) expect(got).toContain(id);
    const older = endpoints.filter((e) => Date.parse(e.lastAgentUpdateAt) < weekAgo - 1000).map((e) => e.id);
    for (const id of older) expect(got).not.toContain(id);
    expect(await listed("lastAgentUpdateBefore=-P30D")).toEqual([]);
    expect((await asTenant("/endpoint/v1/endpoints?lastAgentUpdateBefore=yesterday")).status).toBe(400);
  });

  it("finds cloud instances by provider and instance id", async () => {
    const cloudy = full().filter((e) => e.cloud);
    expect(cloudy.length).toBeGreaterThan(0);
    const [one] = cloudy;
    expect(await listed(`cloud=${encodeURIComponent(`${one!.cloud!.provider}:${one!.cloud!.instanceId}`)}`)).toEqual([one!.id]);
    expect(await listed("cloud=azure:nothing-here")).toEqual([]);
    expect((await asTenant("/endpoint/v1/endpoints?cloud=nocolon")).status).toBe(400);
  });
});

describe("SIEM: cursor / has_more / next_cursor", () => {
  it("returns next_cursor on the last page and resumes with only new events", async () => {
    const first = await asTenant("/siem/v1/events?limit=5");
    expect(first.body).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    const last = await asTenant(`/siem/v1/events?limit=5&cursor=${encodeURIComponent(first.body["next_cursor"] as string)}`);
    expect(last.body["has_more"]).toBe(false);
    expect(last.body["next_cursor"]).toEqual(expect.any(String));
    expect([...ids(first.body), ...ids(last.body)]).toHaveLength(9);

    const saved = last.body["next_cursor"] as string;
    const idle = await asTenant(`/siem/v1/events?cursor=${encodeURIComponent(saved)}`);
    expect(idle.body).toEqual({ has_more: false, next_cursor: saved, items: [] });
    emulator.appendSiemEvents(emulator.ids.tenant, 3);
    const resumed = await asTenant(`/siem/v1/events?cursor=${encodeURIComponent(saved)}`);
    expect(resumed.body["items"]).toHaveLength(3);
    expect(resumed.body["has_more"]).toBe(false);
  });

  it("starts from from_date and refuses one older than 24 hours", async () => {
    const now = Math.floor(Date.now() / 1000);
    const recent = await asTenant(`/siem/v1/alerts?from_date=${now - 60}`);
    expect(recent.body).toMatchObject({ has_more: false, items: [] });
    emulator.appendSiemAlerts(emulator.ids.tenant, 2);
    const after = await asTenant(`/siem/v1/alerts?from_date=${now - 60}`);
    expect(after.body["items"]).toHaveLength(2);
    const old = await asTenant(`/siem/v1/alerts?from_date=${now - 25 * 3600}`);
    expect(old.status).toBe(400);
    expect(old.body).toMatchObject({ error: "Bad Request" });
  });

  it("refuses a limit over 1000, a forged cursor, and exclude_types on alerts", async () => {
    expect((await asTenant("/siem/v1/events?limit=1001")).status).toBe(400);
    expect((await asTenant("/siem/v1/events?cursor=abc")).status).toBe(400);
    expect((await asTenant("/siem/v1/alerts?exclude_types=Event::Endpoint::UpdateSuccess")).status).toBe(400);
  });

  it("leaves excluded event types out", async () => {
    const all = await asTenant("/siem/v1/events?limit=1000");
    const types = new Set((all.body["items"] as Array<{ type: string }>).map((e) => e.type));
    const [excluded] = [...types];
    const some = await asTenant(`/siem/v1/events?limit=1000&exclude_types=${excluded}`);
    expect((some.body["items"] as Array<{ type: string }>).every((e) => e.type !== excluded)).toBe(true);
  });
});
