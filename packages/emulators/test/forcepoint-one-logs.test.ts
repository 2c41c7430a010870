import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FORCEPOINT_ONE_DEMO_CREDENTIALS as demo, FORCEPOINT_ONE_LOG_TYPES, startForcepointOneEmulator } from "../src/index.js";
import type { ForcepointOneEmulator } from "../src/index.js";

interface LogPage {
  status: string;
  nextpagetoken: string;
  response: { dataformat: string; dataencoding: string; data: Array<Record<string, string>> | string };
}

let emulator: ForcepointOneEmulator;
const BEARER = { Authorization: `Bearer ${demo.token}` };
const START = "2020-01-01T00:00:00Z";

beforeAll(async () => {
  emulator = await startForcepointOneEmulator({ rateLimitPerSecond: null });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function logs(query: Record<string, string>, headers: Record<string, string> = BEARER): Promise<Response> {
  return fetch(`${emulator.url}/api/bitglassapi/logs?${new URLSearchParams(query)}`, { headers });
}

async function page(query: Record<string, string>): Promise<LogPage> {
  const res = await logs(query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as LogPage;
}

/** Pages from `first` until an empty page; returns the records and the token of the last page that had records. */
async function drain(type: string, first: Record<string, string>, maxPages = Infinity) {
  const records: Array<Record<string, string>> = [];
  let query: Record<string, string> = { type, cv: "1.1.5", responseformat: "json", ...first };
  let lastToken: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    const body = await page(query);
    const data = body.response.data as Array<Record<string, string>>;
    if (data.length === 0) break;
    records.push(...data);
    lastToken = body.nextpagetoken;
    query = { type, cv: "1.1.5", responseformat: "json", nextpagetoken: body.nextpagetoken };
  }
  return { records, lastToken };
}

const key = (record: Record<string, string>) => JSON.stringify(record);

describe("authentication", () => {
  it("accepts Bearer <token> and Basic, refuses Bearer: <token> and the rest with 401", async () => {
    const query = { type: "admin", cv: "1.1.5", responseformat: "json", startdate: START };
    expect((await logs(query)).status).toBe(200);
    const basic = `Basic ${Buffer.from(`${demo.username}:${demo.password}`).toString("base64")}`;
    expect((await logs(query, { Authorization: basic })).status).toBe(200);
    for (const header of [`Bearer: ${demo.token}`, `Bearer  ${demo.token}`, `Token ${demo.token}`, "Bearer wrong-token", ""]) {
      const res = await logs(query, header ? { Authorization: header } : {});
      expect(res.status, header).toBe(401);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ status: "Unauthorized" });
      expect(text).not.toContain(demo.token);
    }
    const wrongPassword = `Basic ${Buffer.from(`${demo.username}:nope`).toString("base64")}`;
    expect((await logs(query, { Authorization: wrongPassword })).status).toBe(401);
  });

  it("refuses a revoked token, and a token without the Log API permission with 403", async () => {
    const query = { type: "admin", cv: "1.1.5", responseformat: "json", startdate: START };
    expect(emulator.revokeToken(demo.token)).toBe(true);
    expect((await logs(query)).status).toBe(401);
    const narrow = await startForcepointOneEmulator({ tokens: [{ token: "scimOnlyToken", scopes: ["scim"] }] });
    try {
      const res = await fetch(`${narrow.url}/api/bitglassapi/logs?${new URLSearchParams(query)}`, { headers: { Authorization: "Bearer scimOnlyToken" } });
      expect(res.status).toBe(403);
    } finally {
      await narrow.close();
    }
  });
});

describe("paging", () => {
  it("delivers 250 access records exactly once across a stop and a resume from a saved token", async () => {
    const first = await drain("access", { startdate: START }, 1);
    expect(first.records).toHaveLength(100);
    const saved = first.lastToken!;
    const rest = await drain("access", { nextpagetoken: saved });
    const all = [...first.records, ...rest.records];
    expect(all).toHaveLength(250);
    expect(new Set(all.map(key)).size).toBe(250);
    expect(all.map(key)).toEqual(emulator.logs("access").map(key));
  });

  it.each(FORCEPOINT_ONE_LOG_TYPES.map((type) => [type]))("walks every %s record once, whatever the order within a page", async (type) => {
    const { records } = await drain(type, { startdate: START });
    const expected = emulator.logs(type).map(key);
    expect(records.map(key).sort()).toEqual([...expected].sort());
  });

  it("ends with an empty page whose token decodes to {}", async () => {
    const { lastToken } = await drain("admin", { startdate: START });
    const empty = await page({ type: "admin", cv: "1.1.5", responseformat: "json", nextpagetoken: lastToken! });
    expect(empty.response.data).toEqual([]);
    expect(empty.nextpagetoken).toBe("e30=");
    const again = await logs({ type: "admin", cv: "1.1.5", responseformat: "json", nextpagetoken: "e30=" });
    expect(again.status).toBe(400);
  });

  it("resumes from the last token after appendLogs with only the new records", async () => {
    const { records, lastToken } = await drain("swgweb", { startdate: START });
    expect(records).toHaveLength(250);
    emulator.appendLogs("swgweb", 7);
    const more = await drain("swgweb", { nextpagetoken: lastToken! });
    expect(more.records.map(key).sort()).toEqual(emulator.logs("swgweb").slice(250).map(key).sort());
  });

  it("returns records at or after startdate only", async () => {
    const all = emulator.logs("cloudaudit");
    const pivot = all[60]!["time"]!;
    const iso = new Date(`${pivot} UTC`).toISOString().replace(/\.\d{3}Z$/, "Z");
    const { records } = await drain("cloudaudit", { startdate: iso });
    const firstIndex = all.findIndex((record) => record["time"] === pivot);
    expect(records.map(key)).toEqual(all.slice(firstIndex).map(key));
  });

  it("refuses a token of another log type, and a token sent without URL-encoding", async () => {
    const access = await page({ type: "access", cv: "1.1.5", responseformat: "json", startdate: START });
    const swg = await page({ type: "swgweb", cv: "1.1.5", responseformat: "json", startdate: START });
    for (const [type, token] of [["admin", access.nextpagetoken], ["swgwebdlp", swg.nextpagetoken], ["access", swg.nextpagetoken]] as const) {
      const res = await logs({ type, cv: "1.1.5", responseformat: "json", nextpagetoken: token });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { status: string }).status).toMatch(/nextpagetoken/);
    }
    const raw = await fetch(`${emulator.url}/api/bitglassapi/logs?type=access&cv=1.1.5&responseformat=json&nextpagetoken=ab+cd==`, { headers: BEARER });
    expect(raw.status).toBe(400);
  });
});

describe("parameters", () => {
  it.each([
    [{ type: "swgweb", cv: "1.0.7", startdate: START }, /1\.1\.0/],
    [{ type: "healthproxy", cv: "1.1.0", startdate: START }, /1\.1\.5/],
    [{ type: "access", startdate: START }, /cv/],
    [{ type: "access", cv: "v1", startdate: START }, /cv/],
    [{ type: "nope", cv: "1.1.5", startdate: START }, /Invalid type/],
    [{ type: "access", cv: "1.1.5" }, /startdate/],
    [{ type: "access", cv: "1.1.5", startdate: "2020-01-01" }, /startdate/],
    [{ type: "access", cv: "1.1.5", startdate: START, nextpagetoken: "e30=" }, /either/],
    [{ type: "access", cv: "1.1.5", startdate: START, responseformat: "xml" }, /responseformat/],
    [{ type: "access", cv: "1.1.5", startdate: START, nextPageToken: "x" }, /nextPageToken/],
  ])("%j → 400", async (query, message) => {
    const res = await logs(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { status: string }).status).toMatch(message);
  });

  it("defaults to csv and answers on every documented spelling of the path", async () => {
    for (const path of ["/api/bitglassapi/logs", "/api/bitglassapi/logs/", "/api/bitglassapi/logs/v1/"]) {
      const res = await fetch(`${emulator.url}${path}?type=admin&cv=1.1.5&startdate=${START}`, { headers: BEARER });
      expect(((await res.json()) as LogPage).response.dataformat).toBe("csv");
    }
    expect(emulator.count("GET /api/bitglassapi/logs")).toBe(3);
    const post = await fetch(`${emulator.url}/api/bitglassapi/logs?type=admin&cv=1.1.5&startdate=${START}`, { method: "POST", headers: BEARER });
    expect(post.status).toBe(405);
  });
});

describe("knobs", () => {
  it.each([
    ["empty-string", () => ""],
    ["repeat", (sent: string) => sent],
  ] as const)("emptyPageToken %s", async (emptyPageToken, expected) => {
    const em = await startForcepointOneEmulator({ rateLimitPerSecond: null, emptyPageToken, logs: { admin: 3 } });
    try {
      const get = async (query: string) => {
        const res = await fetch(`${em.url}/api/bitglassapi/logs?type=admin&cv=1.1.5&responseformat=json&${query}`, { headers: BEARER });
        return (await res.json()) as LogPage;
      };
      const first = await get(`startdate=${START}`);
      expect(first.response.data).toHaveLength(3);
      const empty = await get(`nextpagetoken=${encodeURIComponent(first.nextpagetoken)}`);
      expect(empty.response.data).toEqual([]);
      expect(empty.nextpagetoken).toBe(expected(first.nextpagetoken));
    } finally {
      await em.close();
    }
  });

  it("enforceCvMinimums: false lets an old cv read the newer types", async () => {
    const em = await startForcepointOneEmulator({ rateLimitPerSecond: null, enforceCvMinimums: false, logs: { healthapi: 2 } });
    try {
      const res = await fetch(`${em.url}/api/bitglassapi/logs?type=healthapi&cv=1.0.1&responseformat=json&startdate=${START}`, { headers: BEARER });
      expect(((await res.json()) as LogPage).response.data).toHaveLength(2);
    } finally {
      await em.close();
    }
  });
});
