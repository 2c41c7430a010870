import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/index.js";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

// The emulator answers 404 for a path on the wrong host and 401/403 for a missing or wrong
// identity header, so each 200 below is itself proof of the route; the recorded requests show it.
describe("routing by identity", () => {
  it("sends a tenant credential's calls to its data-region host with X-Tenant-ID", async () => {
    const server = await startEmulator({ tenants: [{ region: "us01", endpoints: 4 }, { region: "eu01" }] });
    const client = clientFor(server, "tenant");

    const { data, response } = await client.GET("/endpoint/v1/endpoints");
    expect(response.status).toBe(200);
    expect(data?.items).toHaveLength(4);
    expect(await client.whoami()).toEqual({
      id: server.ids.tenant,
      idType: "tenant",
      apiHosts: { global: server.globalUrl, dataRegion: server.regionUrls["us01"] },
    });

    const call = server.requestsTo("us01").find((request) => request.route === "GET /endpoint/v1/endpoints");
    expect(call?.headers["x-tenant-id"]).toBe(server.ids.tenant);
    expect(call?.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(server.requestsTo("eu01")).toHaveLength(0);
    expect(server.requestsTo("global").map((request) => request.route)).toEqual(["GET /whoami/v1"]);
    expect(server.count("GET /whoami/v1")).toBe(1);
  });

  it("refuses tenants() for a tenant credential, naming what to do instead", async () => {
    const server = await startEmulator();
    const error = await collect(clientFor(server, "tenant").tenants()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/partner or organization credential.*tenant credential/);
    expect(server.count("GET /partner/v1/tenants") + server.count("GET /organization/v1/tenants")).toBe(0);
  });

  it("lists a partner's tenants on the global host with X-Partner-ID, then calls each on its own host", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01", endpoints: 2 }, { region: "us01", endpoints: 3 }] });
    const partner = clientFor(server, "partner");

    const tenants = await collect(partner.tenants());
    expect(tenants.map((tenant) => tenant.id)).toEqual(server.tenants.map((tenant) => tenant.id));
    const list = server.requestsTo("global").find((request) => request.route === "GET /partner/v1/tenants");
    expect(list?.headers["x-partner-id"]).toBe(server.ids.partner);
    expect(list?.query).toEqual({ pageSize: "100", pageTotal: "true" });

    for (const [index, tenant] of tenants.entries()) {
      const { data, response } = await partner.forTenant(tenant).GET("/endpoint/v1/endpoints");
      expect(response.status).toBe(200);
      expect(data?.items).toHaveLength(index === 0 ? 2 : 3);
    }
    const us = server.requestsTo("us01").filter((request) => request.route === "GET /endpoint/v1/endpoints");
    expect(us).toHaveLength(1);
    expect(us[0]?.headers["x-tenant-id"]).toBe(tenants[1]?.id);
    // The tenant client carries the tenant's header only, never the partner's.
    expect(us[0]?.headers["x-partner-id"]).toBeUndefined();
    expect((await partner.whoami()).idType).toBe("partner");
  });

  it("lists an organization's tenants with X-Organization-ID and calls them", async () => {
    const server = await startEmulator({
      tenants: [{ region: "eu01", endpoints: 1 }, { region: "us01", endpoints: 6, inOrganization: false }, { region: "us01", endpoints: 2 }],
    });
    const organization = clientFor(server, "organization");

    const tenants = await collect(organization.tenants());
    const expected = [server.tenants[0]!.id, server.tenants[2]!.id];
    expect(tenants.map((tenant) => tenant.id)).toEqual(expected);
    const list = server.requestsTo("global").find((request) => request.route === "GET /organization/v1/tenants");
    expect(list?.headers["x-organization-id"]).toBe(server.ids.organization);

    const sizes = await Promise.all(tenants.map(async (tenant) => (await collect(organization.forTenant(tenant).paginate("/endpoint/v1/endpoints"))).length));
    expect(sizes).toEqual([1, 2]);
    expect(server.count("GET /partner/v1/tenants")).toBe(0);
    expect(server.count("POST /api/v2/oauth2/token")).toBe(1);
  });

  it("pages a long tenant list, every tenant once", async () => {
    const server = await startEmulator({ tenants: Array.from({ length: 23 }, (_, i) => ({ region: i % 2 ? "us01" : "eu01", endpoints: 0, alerts: 0, siemEvents: 0, siemAlerts: 0 })) });
    const tenants = await collect(clientFor(server, "partner").tenants({ pageSize: 10 }));
    expect(tenants).toHaveLength(23);
    expect(new Set(tenants.map((tenant) => tenant.id)).size).toBe(23);
    expect(server.count("GET /partner/v1/tenants")).toBe(3);
  });

  it("gives the same tenant the same client, on the same token", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01" }] });
    const partner = clientFor(server, "partner");
    const [tenant] = await collect(partner.tenants());
    expect(partner.forTenant(tenant!)).toBe(partner.forTenant({ ...tenant! }));
    expect(await partner.forTenant(tenant!).auth.getToken()).toBe(await partner.auth.getToken());
  });
});
