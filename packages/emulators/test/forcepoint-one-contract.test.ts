import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FORCEPOINT_ONE_DEMO_CREDENTIALS as demo, FORCEPOINT_ONE_LOG_TYPES, startForcepointOneEmulator } from "../src/index.js";
import type { ForcepointOneEmulator, ForcepointOneLogType } from "../src/index.js";
import { loadSpec } from "./support/spec-schema.js";

/** Every answer the emulator gives must match specs/forcepoint-one/openapi.yaml. */
const spec = loadSpec("forcepoint-one");
const doc = parse(readFileSync(fileURLToPath(new URL("../../../specs/forcepoint-one/openapi.yaml", import.meta.url)), "utf8")) as {
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};
const RECORD_SCHEMA: Record<ForcepointOneLogType, string> = {
  access: "AccessLogRecord",
  cloudaudit: "CloudLogRecord",
  cloudsummary: "CloudLogRecord",
  admin: "AdminLogRecord",
  swgweb: "SwgWebLogRecord",
  swgwebdlp: "SwgWebDlpLogRecord",
  healthproxy: "HealthLogRecord",
  healthapi: "HealthLogRecord",
  healthsystem: "HealthLogRecord",
  ztna: "ZtnaLogRecord",
};

let emulator: ForcepointOneEmulator;
const auth = { Authorization: `Bearer ${demo.token}` };

beforeAll(async () => {
  emulator = await startForcepointOneEmulator({ rateLimitPerSecond: null, pageSize: 20 });
});
afterAll(() => emulator.close());

async function conforms(method: string, specPath: string, res: Response, status: number): Promise<unknown> {
  expect(res.status).toBe(status);
  const body = JSON.parse(await res.text()) as unknown;
  expect(spec.checkResponse(method, specPath, status, body)).toEqual([]);
  return body;
}

/** The SCIM schemas are `application/scim+json`, which the shared checker skips: check keys by hand. */
function scimConforms(schema: string, value: Record<string, unknown>): void {
  const { properties = {}, required = [] } = doc.components.schemas[schema]!;
  for (const name of required) expect(value, `${schema}.${name}`).toHaveProperty([name]);
  for (const name of Object.keys(value)) expect(Object.keys(properties), `${schema} lacks ${name}`).toContain(name);
}

describe("answers match the OpenAPI document", () => {
  it("GET /api/bitglassapi/logs, with every record's fields declared for its type", async () => {
    const path = "/api/bitglassapi/logs";
    for (const type of FORCEPOINT_ONE_LOG_TYPES) {
      const url = `${emulator.url}${path}?type=${type}&cv=1.1.5&responseformat=json&startdate=2020-01-01T00:00:00Z`;
      const body = (await conforms("GET", path, await fetch(url, { headers: auth }), 200)) as { response: { data: Array<Record<string, string>> } };
      const declared = Object.keys(doc.components.schemas[RECORD_SCHEMA[type]]!.properties!);
      for (const record of body.response.data) {
        expect(declared, type).toEqual(expect.arrayContaining(Object.keys(record)));
        expect(Object.values(record).every((value) => typeof value === "string")).toBe(true);
      }
    }
    await conforms("GET", path, await fetch(`${emulator.url}${path}?type=access&cv=1.1.5&startdate=2020-01-01T00:00:00Z`, { headers: auth }), 200);
    await conforms("GET", path, await fetch(`${emulator.url}${path}?type=access&cv=1.1.5`, { headers: auth }), 400);
    await conforms("GET", path, await fetch(`${emulator.url}${path}?type=access&cv=1.1.5`, { headers: { Authorization: `Bearer: ${demo.token}` } }), 401);
    emulator.injectFault({ path, status: 429, retryAfter: 1 });
    await conforms("GET", path, await fetch(`${emulator.url}${path}?type=access`, { headers: auth }), 429);
    emulator.injectFault({ path, status: 500 });
    await conforms("GET", path, await fetch(`${emulator.url}${path}?type=access`, { headers: auth }), 500);
  });

  it("POST /api/bitglassapi/config/v1.1/", async () => {
    const path = "/api/bitglassapi/config/v1.1/";
    const post = (query: string, body: string, type = "application/json") =>
      fetch(`${emulator.url}${path}${query}`, { method: "POST", headers: { ...auth, "Content-Type": type }, body });
    await conforms("POST", path, await post("?type=group&action=createupdate", '{"groupname":"contract"}'), 200);
    await conforms("POST", path, await post("?type=group&action=delete", '{"groupname":"nope"}'), 400);
    await conforms("POST", path, await post("?type=group&action=delete", "groupname=nope", "text/plain"), 415);
  });

  it("SCIM users, groups, lists and errors", async () => {
    const base = `${emulator.url}/api/bitglassapi/v2/scim`;
    const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
    const list = await json(await fetch(`${base}/Users?count=3`, { headers: auth }));
    const { Resources, ...listFields } = list;
    scimConforms("ScimListBase", listFields);
    for (const user of Resources as Array<Record<string, unknown>>) scimConforms("ScimUser", user);
    const user = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"], userName: "c@example.com", emails: [{ value: "c@example.com", type: "work" }], phoneNumbers: [{ value: "5551234567", type: "mobile" }], "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: "m-1" } } };
    const created = await json(await fetch(`${base}/Users`, { method: "POST", headers: { ...auth, "Content-Type": "application/scim+json" }, body: JSON.stringify(user) }));
    scimConforms("ScimUser", created);
    scimConforms("ScimMeta", created["meta"] as Record<string, unknown>);
    const groups = await json(await fetch(`${base}/Groups`, { headers: auth }));
    for (const group of groups["Resources"] as Array<Record<string, unknown>>) scimConforms("ScimGroup", group);
    const missing = await json(await fetch(`${base}/Groups/none`, { headers: auth }));
    scimConforms("ScimError", missing);
  });
});
