import { afterAll, beforeAll, expect, it } from "vitest";
import { FORCEPOINT_ONE_DEMO_CREDENTIALS as demo, startForcepointOneEmulator } from "../src/index.js";
import type { ForcepointOneEmulator } from "../src/index.js";

interface Page {
  nextpagetoken: string;
  response: { dataformat: string; dataencoding: string; data: unknown };
}

let emulator: ForcepointOneEmulator;

beforeAll(async () => {
  emulator = await startForcepointOneEmulator({ rateLimitPerSecond: null, pageSize: 60 });
});
afterAll(() => emulator.close());

async function get(query: string): Promise<Page> {
  const res = await fetch(`${emulator.url}/api/bitglassapi/logs?${query}`, { headers: { Authorization: `Bearer ${demo.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  return (await res.json()) as Page;
}

/** An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  expect(quoted).toBe(false);
  expect(field === "" && row.length === 0).toBe(true); // every row ends in CRLF
  return rows;
}

it("wraps CSV in the JSON envelope, quoting commas, quotes and line breaks so the rows match the JSON records", async () => {
  const query = "type=access&cv=1.1.5&startdate=2020-01-01T00:00:00Z";
  const json = await get(`${query}&responseformat=json`);
  const csv = await get(`${query}&responseformat=csv`);
  expect(csv.response).toMatchObject({ dataformat: "csv", dataencoding: "utf-8" });
  expect(csv.nextpagetoken).toBe(json.nextpagetoken);
  const text = csv.response.data as string;
  const records = json.response.data as Array<Record<string, string>>;

  // The seed puts values in that break naive splitting on lines or commas.
  expect(records.some((record) => /[\r\n]/.test(record["details"]!))).toBe(true);
  expect(records.some((record) => record["details"]!.includes('"'))).toBe(true);
  expect(text.split("\r\n").length - 1).not.toBe(records.length + 1);

  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(Object.keys(records[0]!).sort());
  expect(rows.map((row) => Object.fromEntries(header!.map((column, i) => [column, row[i]])))).toEqual(records);
  expect(text).toContain('"Alert, Denied, Notify, Threat"');
  expect(text).toContain('""Q4 plan, final.xlsx""');
  expect(text).toContain("São Paulo");
});

it("answers an empty CSV page with an empty string", async () => {
  const page = await get("type=admin&cv=1.1.5&startdate=2030-01-01T00:00:00Z&responseformat=csv");
  expect(page.response).toEqual({ dataformat: "csv", dataencoding: "utf-8", data: "" });
  expect(page.nextpagetoken).toBe("e30=");
});
