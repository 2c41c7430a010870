import { afterEach, describe, expect, it } from "vitest";
import { ApiError, SecfetchError, TenantNotReadyError, type SophosCentralTenant } from "../src/index.js";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

const ENDPOINTS_PER_TENANT = 230;
const REGIONS = ["eu01", "us01"] as const;

describe("a partner walking its tenants", () => {
  it("walks 230 endpoints in each of 7 tenants over 2 regions, concurrently, with 1 token and 1 whoami", async () => {
    const server = await startEmulator({
      tenants: Array.from({ length: 7 }, (_, i) => ({ region: REGIONS[i % 2]!, endpoints: ENDPOINTS_PER_TENANT, alerts: 0 })),
    });
    const partner = clientFor(server, "partner");

    // Cold start: identity, the list and the tenant walks all race for the first token.
    const [identity, tenants] = await Promise.all([partner.whoami(), collect(partner.tenants())]);
    expect(identity.idType).toBe("partner");
    expect(tenants).toHaveLength(7);
    const walks = await Promise.all(
      tenants.map(async (tenant) => {
        const ids: string[] = [];
        for await (const endpoint of partner.forTenant(tenant).paginate("/endpoint/v1/endpoints", { params: { query: { pageSize: 100 } } })) {
          ids.push(endpoint.id);
        }
        return { tenant, ids };
      }),
    );

    for (const { tenant, ids } of walks) {
      expect(ids).toHaveLength(ENDPOINTS_PER_TENANT);
      expect(new Set(ids)).toEqual(new Set(server.endpoints(tenant.id).map((endpoint) => endpoint.id)));
    }
    expect(server.count("POST /api/v2/oauth2/token")).toBe(1);
    expect(server.count("GET /whoami/v1")).toBe(1);
    expect(server.count("GET /partner/v1/tenants")).toBe(1);
    // 230 endpoints at 100 a page: 3 pages per tenant, each on the tenant's own region host.
    expect(server.count("GET /endpoint/v1/endpoints")).toBe(7 * 3);
    for (const region of REGIONS) {
      const hosted = new Set(tenants.filter((tenant) => tenant.dataRegion === region).map((tenant) => tenant.id));
      const calls = server.requestsTo(region).filter((request) => request.route === "GET /endpoint/v1/endpoints");
      expect(calls).toHaveLength(hosted.size * 3);
      expect(calls.every((call) => hosted.has(call.headers["x-tenant-id"] ?? ""))).toBe(true);
    }
  });

  it("a token that expires mid-walk costs one new token for every tenant client, and no second whoami", async () => {
    const server = await startEmulator({
      tenants: Array.from({ length: 4 }, (_, i) => ({ region: REGIONS[i % 2]!, endpoints: 60, alerts: 0 })),
    });
    const partner = clientFor(server, "partner");
    const tenants = await collect(partner.tenants());
    const clients = tenants.map((tenant) => partner.forTenant(tenant));
    const pages = clients.map((client) => client.pages("/endpoint/v1/endpoints", { params: { query: { pageSize: 20 } } })[Symbol.asyncIterator]());
    const seen = tenants.map(() => [] as string[]);
    const step = async () => {
      await Promise.all(pages.map(async (iterator, i) => {
        const next = await iterator.next();
        if (!next.done) seen[i]!.push(...next.value.items.map((endpoint) => endpoint.id));
      }));
    };
    await step();
    server.expireTokens();
    for (let i = 0; i < 3; i++) await step();

    for (const [i, tenant] of tenants.entries()) expect(new Set(seen[i])).toEqual(new Set(server.endpoints(tenant.id).map((endpoint) => endpoint.id)));
    expect(server.count("POST /api/v2/oauth2/token")).toBe(2);
    expect(server.count("GET /whoami/v1")).toBe(1);
  });

  it("reports a tenant without apiHost by name and goes on with the others", async () => {
    const server = await startEmulator({
      tenants: [
        { region: "eu01", endpoints: 4 },
        { region: null, name: "Pending Industries" },
        { region: "us01", endpoints: 3 },
        { region: "eu01", endpoints: 2, partnerManaged: false, name: "Unmanaged Ltd" },
        { region: "us01", endpoints: 1 },
      ],
    });
    const partner = clientFor(server, "partner");
    const done = new Map<string, number>();
    const failed = new Map<string, unknown>();

    for await (const tenant of partner.tenants()) {
      try {
        done.set(tenant.name ?? tenant.id, (await collect(partner.forTenant(tenant).paginate("/endpoint/v1/endpoints"))).length);
      } catch (error) {
        failed.set(tenant.name ?? tenant.id, error);
      }
    }

    expect([...done.values()]).toEqual([4, 3, 1]);
    expect([...failed.keys()]).toEqual(["Pending Industries", "Unmanaged Ltd"]);
    const pending = server.tenants[1]!;
    const notReady = failed.get("Pending Industries");
    expect(notReady).toBeInstanceOf(TenantNotReadyError);
    expect(notReady).toBeInstanceOf(SecfetchError);
    expect((notReady as TenantNotReadyError).name).toBe("TenantNotReadyError");
    expect((notReady as TenantNotReadyError).message).toContain(`"Pending Industries" (${pending.id}) is not provisioned`);
    expect((notReady as TenantNotReadyError).tenantId).toBe(pending.id);
    expect(JSON.parse(JSON.stringify(notReady))).toMatchObject({ name: "TenantNotReadyError", tenantId: pending.id, tenantName: "Pending Industries" });
    // An unmanaged tenant is listed but refuses the partner: the page fails with the vendor's 403.
    expect(failed.get("Unmanaged Ltd")).toBeInstanceOf(ApiError);
    expect((failed.get("Unmanaged Ltd") as ApiError).status).toBe(403);
    // The not-provisioned tenant was never called anywhere.
    expect(server.requests.some((request) => request.headers["x-tenant-id"] === pending.id)).toBe(false);
    expect(server.count("POST /api/v2/oauth2/token")).toBe(1);
  });

  it("throws TenantNotReadyError from forTenant itself, before any request", async () => {
    const server = await startEmulator();
    const partner = clientFor(server, "partner");
    const tenant: SophosCentralTenant = { id: "6d0f5a7e-1f0b-4c1e-9e53-2a7c3b1d9e10", name: "Soon Corp" };
    expect(() => partner.forTenant(tenant)).toThrow(TenantNotReadyError);
    expect(() => partner.forTenant(tenant)).toThrow(/"Soon Corp" \(6d0f5a7e-1f0b-4c1e-9e53-2a7c3b1d9e10\) is not provisioned/);
    expect(server.requests).toHaveLength(0);
  });
});
