import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSophosCentralEmulator } from "../src/index.js";
import type { SophosCentralEmulator, SophosPrincipalType, SophosTenant } from "../src/index.js";

let emulator: SophosCentralEmulator;
const tokens = {} as Record<SophosPrincipalType, string>;

beforeAll(async () => {
  emulator = await startSophosCentralEmulator({
    tenants: [
      { region: "eu01", endpoints: 3 },
      { region: "us01", endpoints: 2 },
      { region: "eu01", endpoints: 1, partnerManaged: false, inOrganization: false },
      { region: null },
    ],
  });
  for (const kind of ["tenant", "partner", "organization"] as const) tokens[kind] = emulator.issueToken(kind);
});
afterAll(() => emulator.close());

function call(base: string, path: string, kind: SophosPrincipalType, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${tokens[kind]}`, ...headers } });
}

const own = () => emulator.tenants[0]!;

describe("GET /whoami/v1", () => {
  it("tells a tenant its id and data-region host", async () => {
    const res = await call(emulator.globalUrl, "/whoami/v1", "tenant");
    expect(await res.json()).toEqual({
      id: emulator.ids.tenant,
      idType: "tenant",
      apiHosts: { global: emulator.globalUrl, dataRegion: emulator.regionUrls["eu01"] },
    });
  });

  it.each(["partner", "organization"] as const)("tells a %s its id and only the global host", async (kind) => {
    const res = await call(emulator.globalUrl, "/whoami/v1", kind);
    expect(await res.json()).toEqual({ id: emulator.ids[kind], idType: kind, apiHosts: { global: emulator.globalUrl } });
  });

  it("is counted across hosts", async () => {
    const before = emulator.count("GET /whoami/v1");
    await call(emulator.regionUrls["us01"]!, "/whoami/v1", "tenant");
    expect(emulator.count("GET /whoami/v1")).toBe(before + 1);
    expect(emulator.count("GET /whoami/v1", "us01")).toBe(1);
  });

  it.each([
    ["no Authorization", {}],
    ["Bearer: with a colon", { Authorization: "Bearer: abc" }],
    ["an unknown token", { Authorization: "Bearer abc" }],
  ])("answers 401 Unauthorized for %s", async (_name, headers) => {
    const res = await fetch(`${emulator.globalUrl}/whoami/v1`, { headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized", message: expect.any(String), correlationId: expect.any(String), requestId: expect.any(String) });
  });
});

describe("tenant paths: only on the tenant's data-region host, with its X-Tenant-ID", () => {
  const endpoints = "/endpoint/v1/endpoints";

  it("serves the tenant on its own region with X-Tenant-ID", async () => {
    const res = await call(emulator.regionUrls["eu01"]!, endpoints, "tenant", { "X-Tenant-ID": own().id });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(3);
  });

  it("answers 404 on the global host", async () => {
    const res = await call(emulator.globalUrl, endpoints, "tenant", { "X-Tenant-ID": own().id });
    expect(res.status).toBe(404);
  });

  it("answers 403 on another region's host", async () => {
    const res = await call(emulator.regionUrls["us01"]!, endpoints, "tenant", { "X-Tenant-ID": own().id });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "Forbidden" });
  });

  it("answers 401 without X-Tenant-ID and 403 with another tenant's id", async () => {
    const missing = await call(emulator.regionUrls["eu01"]!, endpoints, "tenant");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: "Unauthorized", message: "Missing X-Tenant-ID header" });
    const other = await call(emulator.regionUrls["us01"]!, endpoints, "tenant", { "X-Tenant-ID": emulator.tenants[1]!.id });
    expect(other.status).toBe(403);
  });

  it("answers 400 for an X-Tenant-ID that is not a UUID", async () => {
    const res = await call(emulator.regionUrls["eu01"]!, endpoints, "tenant", { "X-Tenant-ID": "acme" });
    expect(res.status).toBe(400);
  });
});

describe("partner and organization paths: only on the global host, with their own id", () => {
  it("lists the partner's tenants, the unprovisioned one without apiHost", async () => {
    const res = await call(emulator.globalUrl, "/partner/v1/tenants?pageTotal=true", "partner", { "X-Partner-ID": emulator.ids.partner });
    const { items } = (await res.json()) as { items: SophosTenant[] };
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ dataRegion: "eu01", apiHost: emulator.regionUrls["eu01"], partner: { id: emulator.ids.partner } });
    expect(items[3]).not.toHaveProperty("apiHost");
    expect(items[3]).not.toHaveProperty("dataRegion");
  });

  it("refuses another partner's id, a tenant credential, and the partner path on a region host", async () => {
    const otherId = await call(emulator.globalUrl, "/partner/v1/tenants", "partner", { "X-Partner-ID": emulator.ids.organization });
    expect(otherId.status).toBe(403);
    const tenantCred = await call(emulator.globalUrl, "/partner/v1/tenants", "tenant", { "X-Partner-ID": emulator.ids.tenant });
    expect(tenantCred.status).toBe(403);
    const region = await call(emulator.regionUrls["eu01"]!, "/partner/v1/tenants", "partner", { "X-Partner-ID": emulator.ids.partner });
    expect(region.status).toBe(404);
    const missing = await call(emulator.globalUrl, "/partner/v1/tenants", "partner");
    expect(missing.status).toBe(401);
  });

  it("lets a partner call a managed tenant on the tenant's host with X-Tenant-ID", async () => {
    const second = emulator.tenants[1]!;
    const res = await call(second.apiHost!, "/endpoint/v1/endpoints", "partner", { "X-Tenant-ID": second.id });
    expect(res.status).toBe(200);
    const partnerHeaderOnly = await call(second.apiHost!, "/endpoint/v1/endpoints", "partner", { "X-Partner-ID": emulator.ids.partner });
    expect(partnerHeaderOnly.status).toBe(401);
  });

  it("answers 403 for a listed but unmanaged tenant and for another partner's tenant", async () => {
    const unmanaged = emulator.tenants[2]!;
    expect((await call(unmanaged.apiHost!, "/endpoint/v1/endpoints", "partner", { "X-Tenant-ID": unmanaged.id })).status).toBe(403);
    const foreign = await call(emulator.regionUrls["eu01"]!, "/endpoint/v1/endpoints", "partner", { "X-Tenant-ID": emulator.foreignTenantId });
    expect(foreign.status).toBe(403);
  });

  it("lists only the organization's tenants, and lets it call them", async () => {
    const res = await call(emulator.globalUrl, "/organization/v1/tenants", "organization", { "X-Organization-ID": emulator.ids.organization });
    const { items } = (await res.json()) as { items: SophosTenant[] };
    expect(items.map((t) => t.id)).not.toContain(emulator.tenants[2]!.id);
    expect(items).toHaveLength(3);
    const target = items[1]!;
    expect((await call(target.apiHost!, "/common/v1/alerts", "organization", { "X-Tenant-ID": target.id })).status).toBe(200);
    const getOne = await call(emulator.globalUrl, `/organization/v1/tenants/${emulator.tenants[2]!.id}`, "organization", { "X-Organization-ID": emulator.ids.organization });
    expect(getOne.status).toBe(404);
  });

  it("keeps a per-host request log", () => {
    expect(emulator.requestsTo("global").every((r) => r.path.startsWith("/whoami") || /^\/(partner|organization|endpoint)\//.test(r.path))).toBe(true);
    expect(emulator.requestsTo("us01").length).toBeGreaterThan(0);
    expect(emulator.requests.length).toBe(emulator.requestsTo("id").length + emulator.requestsTo("global").length + emulator.requestsTo("eu01").length + emulator.requestsTo("us01").length);
  });
});
