import { describe, expectTypeOf, it } from "vitest";
import { createPaloAltoSaasSecurityClient, type components } from "../src/index.js";

// These checks are compile-time: `npm test` typechecks this file, and each `@ts-expect-error`
// fails the typecheck if the line below it ever stops being an error.
describe("types", () => {
  it("are checked against the spec", () => {
    const client = createPaloAltoSaasSecurityClient({ clientId: "id", clientSecret: "secret" });
    const typed = async () => {
      // @ts-expect-error: no such path in the spec
      await client.GET("/incident/api/incidents/nope");
      // @ts-expect-error: `limits` is not a query parameter of the delta operation
      await client.GET("/incident/api/incidents/delta", { params: { query: { limits: 10 } } });
      // @ts-expect-error: `limit` is an integer
      await client.GET("/incident/api/incidents/delta", { params: { query: { limit: "10" } } });
      // @ts-expect-error: the path parameter is required
      await client.GET("/incident/api/incidents/{id}");
      // @ts-expect-error: the apps list is not a paged operation
      client.paginate("/incident/api/apps");
      // @ts-expect-error: `state` must be "closed"
      await client.POST("/incident/api/incidents/{id}/state", { params: { path: { id: 1 } }, body: { state: "open", category: "misidentified" } });

      // @ts-expect-error: a body field the closing request does not have, beside required ones
      await client.POST("/incident/api/incidents/{id}/state", { params: { path: { id: 1 } }, body: { state: "closed", category: "misidentified", foo: 1 } });
      // @ts-expect-error: a path parameter the operation does not have
      await client.GET("/incident/api/incidents/{id}", { params: { path: { id: 1, tenant: "x" } } });

      const { data } = await client.GET("/incident/api/incidents/{id}", { params: { path: { id: 1 } } });
      if (data) expectTypeOf(data).toEqualTypeOf<components["schemas"]["Incident"]>();
      for await (const incident of client.paginate("/incident/api/incidents/delta", { params: { query: { limit: 100 } } })) {
        expectTypeOf(incident).toEqualTypeOf<components["schemas"]["Incident"]>();
      }
    };
    expectTypeOf(typed).toBeFunction();
    expectTypeOf(client.auth.getToken).returns.resolves.toBeString();
  });

  it("check the options", () => {
    // @ts-expect-error: clientSecret is required
    const missing = () => createPaloAltoSaasSecurityClient({ clientId: "id" });
    // @ts-expect-error: not a region of the spec
    const region = () => createPaloAltoSaasSecurityClient({ clientId: "id", clientSecret: "s", region: "mars" });
    // @ts-expect-error: not a scope of the spec
    const scope = () => createPaloAltoSaasSecurityClient({ clientId: "id", clientSecret: "s", scopes: ["admin"] });
    expectTypeOf(missing).toBeFunction();
    expectTypeOf(region).toBeFunction();
    expectTypeOf(scope).toBeFunction();
  });
});
