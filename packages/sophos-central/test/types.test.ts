import { describe, expectTypeOf, it } from "vitest";
import { createSophosCentralClient, type components, type SiemBatch, type SophosCentralTenantClient } from "../src/index.js";

// Compile-time checks: the typecheck fails if a `@ts-expect-error` line below stops being an error.
describe("types", () => {
  it("are checked against the spec", () => {
    const client = createSophosCentralClient({ clientId: "id", clientSecret: "secret" });
    const typed = async () => {
      // @ts-expect-error: no such path in the spec
      await client.GET("/endpoint/v1/computers");
      // @ts-expect-error: `pageSizes` is not a query parameter of the endpoint list
      await client.GET("/endpoint/v1/endpoints", { params: { query: { pageSizes: 10 } } });
      // @ts-expect-error: `pageSize` is an integer
      await client.GET("/endpoint/v1/endpoints", { params: { query: { pageSize: "10" } } });
      // @ts-expect-error: the path parameter is required
      await client.GET("/endpoint/v1/endpoints/{endpointId}");
      // @ts-expect-error: the token path is a sign-in step, not an API call
      await client.POST("/api/v2/oauth2/token");
      // @ts-expect-error: whoami is not a paged operation
      client.paginate("/whoami/v1");

      const { data } = await client.GET("/endpoint/v1/endpoints/{endpointId}", { params: { path: { endpointId: "x" } } });
      if (data) expectTypeOf(data.hostname).toEqualTypeOf<string | undefined>();
      expectTypeOf(await client.whoami()).toEqualTypeOf<components["schemas"]["WhoAmI"]>();
      for await (const tenant of client.tenants({ pageSize: 50 })) {
        expectTypeOf(tenant).toEqualTypeOf<components["schemas"]["Tenant"]>();
        const tenantClient = client.forTenant(tenant);
        expectTypeOf(tenantClient).toEqualTypeOf<SophosCentralTenantClient>();
        for await (const endpoint of tenantClient.paginate("/endpoint/v1/endpoints", { params: { query: { pageSize: 500 } } })) {
          expectTypeOf(endpoint).toEqualTypeOf<components["schemas"]["Endpoint"]>();
        }
        // @ts-expect-error: a tenant client has no tenants of its own
        tenantClient.tenants();
      }
      // @ts-expect-error: forTenant needs a tenant with an id
      client.forTenant({ name: "no id" });
      for await (const batch of client.siemEvents({ cursor: "c", limit: 100, excludeTypes: ["Event::Endpoint::UpdateSuccess"] })) {
        expectTypeOf(batch).toEqualTypeOf<SiemBatch<components["schemas"]["SiemEvent"]>>();
      }
      // @ts-expect-error: excludeTypes is a list
      client.siemEvents({ excludeTypes: "Event::Endpoint::UpdateSuccess" });
      // @ts-expect-error: the alert feed takes no excludeTypes
      client.siemAlerts({ excludeTypes: [] });
    };
    expectTypeOf(typed).toBeFunction();
  });

  it("check the options", () => {
    // @ts-expect-error: clientSecret is required
    const missing = () => createSophosCentralClient({ clientId: "id" });
    // @ts-expect-error: isTrustedApiHost takes a URL and returns a boolean
    const trust = () => createSophosCentralClient({ clientId: "id", clientSecret: "s", isTrustedApiHost: (host: string) => host });
    expectTypeOf(missing).toBeFunction();
    expectTypeOf(trust).toBeFunction();
  });
});
