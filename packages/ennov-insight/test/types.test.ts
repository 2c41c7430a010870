import { ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO } from "@secfetch/emulators";
import { describe, expectTypeOf, it } from "vitest";
import { createEnnovInsightClient, type components } from "../src/index.js";

type Event = components["schemas"]["Event"];

// Compile-time checks: `tsc -p tsconfig.json` fails if a `@ts-expect-error` line stops being an
// error. The calls sit in a function that never runs, so nothing goes over the network.
describe("types", () => {
  it("check paths, bodies and answers against the spec", () => {
    const client = createEnnovInsightClient({ ...DEMO, baseUrl: "https://insight.example.com" });
    const typed = async () => {
      // @ts-expect-error: no such path in the spec
      await client.POST("/insight/api/v2/events/read", { body: { queryFor: {} } });
      // @ts-expect-error: entity operations are POSTs, not GETs
      await client.GET("/insight/api/v2/event/{id}/read", { params: { path: { id: 1 } } });
      // A misspelt field is caught when it leaves a required one out. An extra field next to valid
      // ones is not: openapi-fetch infers `init` generically, which skips TypeScript's excess-property
      // check (openapi-ts/openapi-typescript#2329), so `{ id: 1, state: "x" }` compiles.
      // @ts-expect-error: `applicationID` is not a field of an event (it is `applicationId`)
      await client.POST("/insight/api/v2/event/create", { body: { applicationID: 1001, eventType: "Variation", status: "Planned" } });
      // @ts-expect-error: not an event status of the spec
      await client.POST("/insight/api/v2/event/create-or-update", { body: { id: 1, status: "Done" } });
      // @ts-expect-error: a create needs `eventType`
      await client.POST("/insight/api/v2/event/create", { body: { applicationId: 1001, status: "Planned" } });
      // @ts-expect-error: the read body is `{ queryFor }`
      await client.POST("/insight/api/v2/event/read", { body: { query: {} } });
      // @ts-expect-error: `stauts` is not a field of an event
      await client.POST("/insight/api/v2/event/read", { body: { queryFor: { stauts: "Planned" } } });
      // @ts-expect-error: `licenseNumber` is a licence's field, not an application's
      await client.POST("/insight/api/v2/application/read", { body: { queryFor: { licenseNumber: "EU/1/24/1234/001" } } });
      // @ts-expect-error: the path parameter is required
      await client.POST("/insight/api/v2/event/{id}/delete", {});
      // @ts-expect-error: ids are numbers
      await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id: "46001" } } });

      const one = await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id: 46001 } } });
      if (one.data) expectTypeOf(one.data).toEqualTypeOf<Event>();
      const many = await client.POST("/insight/api/v2/event/read", { body: { queryFor: { status: ["Planned", "In Progress"] } } });
      if (many.data) expectTypeOf(many.data).toEqualTypeOf<Event[]>();
      if (one.error) expectTypeOf(one.error).toEqualTypeOf<components["schemas"]["InsightError"]>();
    };
    expectTypeOf(typed).toBeFunction();
    expectTypeOf(client.auth.getToken).returns.resolves.toBeString();
  });

  it("check the options", () => {
    const { tenantId: _tenantId, ...noTenant } = DEMO;
    // @ts-expect-error: tenantId is required
    const missing = () => createEnnovInsightClient({ ...noTenant, baseUrl: "https://insight.example.com" });
    // @ts-expect-error: baseUrl is required (InSight has no default host)
    const noBase = () => createEnnovInsightClient({ ...DEMO });
    // @ts-expect-error: csrfIn is "header" or "query"
    const csrf = () => createEnnovInsightClient({ ...DEMO, baseUrl: "https://insight.example.com", csrfIn: "cookie" });
    const sovereign = () => createEnnovInsightClient({ ...DEMO, baseUrl: "https://insight.example.com", loginUrl: "https://login.microsoftonline.us", csrfIn: "query" });
    expectTypeOf(missing).toBeFunction();
    expectTypeOf(noBase).toBeFunction();
    expectTypeOf(csrf).toBeFunction();
    expectTypeOf(sovereign).toBeFunction();
  });
});
