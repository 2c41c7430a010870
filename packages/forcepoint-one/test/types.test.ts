import { describe, expectTypeOf, it } from "vitest";
import { createForcepointOneClient, type components, type LogCheckpoint, type LogExportPage } from "../src/index.js";

type Schemas = components["schemas"];

// Compile-time checks: `npm test` typechecks this file, and each `@ts-expect-error` fails the
// typecheck if the line below it ever stops being an error.
describe("types", () => {
  it("are checked against the spec", () => {
    const client = createForcepointOneClient({ token: "token" });
    const typed = async () => {
      // @ts-expect-error: no such path in the spec
      await client.GET("/api/bitglassapi/log");
      // @ts-expect-error: "proxy" is not a log type
      await client.GET("/api/bitglassapi/logs", { params: { query: { type: "proxy", cv: "1.1.5" } } });
      // @ts-expect-error: `cv` is required
      await client.GET("/api/bitglassapi/logs", { params: { query: { type: "access" } } });
      // @ts-expect-error: a misspelled query parameter (`startdate`) on an operation with required ones
      await client.GET("/api/bitglassapi/logs", { params: { query: { type: "access", cv: "1.1.5", start_date: "2024-01-01T00:00:00Z" } } });
      // @ts-expect-error: a misspelled top-level init key
      await client.GET("/api/bitglassapi/logs", { parms: { query: { type: "access", cv: "1.1.5" } } });
      // @ts-expect-error: the config API is not paged
      client.paginate("/api/bitglassapi/config/v1.1/");
      // @ts-expect-error: SCIM PATCH needs the PatchOp schemas
      await client.PATCH("/api/bitglassapi/v2/scim/Users/{id}", { params: { path: { id: "1" } }, body: { Operations: [{ op: "replace" }] } });

      for await (const user of client.paginate("/api/bitglassapi/v2/scim/Users")) expectTypeOf(user).toEqualTypeOf<Schemas["ScimUser"]>();
      for await (const record of client.paginate("/api/bitglassapi/logs", { params: { query: { type: "access", cv: "1.1.5", startdate: "2024-01-01T00:00:00Z" } } })) {
        expectTypeOf(record).toEqualTypeOf<Schemas["LogRecord"]>();
      }
    };
    expectTypeOf(typed).toBeFunction();
  });

  it("type exportLogs by log type", () => {
    const client = createForcepointOneClient({ username: "admin@example.com", password: "secret" });
    const typed = async () => {
      // @ts-expect-error: "proxy" is not a log type
      client.exportLogs({ type: "proxy", since: new Date() });
      // @ts-expect-error: `format` is json or csv
      client.exportLogs({ type: "access", format: "xml", since: new Date() });
      // @ts-expect-error: a checkpoint is an object of the collector's making or its JSON, not a number
      client.exportLogs({ type: "access", checkpoint: 42 });

      for await (const page of client.exportLogs({ type: "swgweb", since: "2024-09-02T09:50:14Z" })) {
        expectTypeOf(page).toEqualTypeOf<LogExportPage<"swgweb">>();
        expectTypeOf(page.records).toEqualTypeOf<Schemas["SwgWebLogRecord"][]>();
        expectTypeOf(page.checkpoint).toEqualTypeOf<LogCheckpoint>();
      }
      for await (const { records } of client.exportLogs({ type: "healthapi", format: "csv", checkpoint: "{}" })) {
        expectTypeOf(records).toEqualTypeOf<Schemas["HealthLogRecord"][]>();
      }
    };
    expectTypeOf(typed).toBeFunction();
  });

  it("check the credentials", () => {
    // @ts-expect-error: a password needs its user name
    const half = () => createForcepointOneClient({ password: "secret" });
    // @ts-expect-error: no such region
    const region = () => createForcepointOneClient({ token: "t", region: "mars" });
    expectTypeOf(half).toBeFunction();
    expectTypeOf(region).toBeFunction();
  });
});
