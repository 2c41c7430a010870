import { describe, expect, it } from "vitest";
import { ApiError } from "../src/index.js";
import { BEFORE_SEED, drain, startEmulator, tokenClient } from "./support.js";

describe("exportLogs: CSV", () => {
  it("parses fields with commas, quotes and line breaks exactly as the JSON export has them", async () => {
    const emulator = await startEmulator({ logs: { access: 120 }, pageSize: 50 });
    const client = tokenClient(emulator);
    const csv = await drain(client.exportLogs({ type: "access", format: "csv", since: BEFORE_SEED }));
    const json = await drain(client.exportLogs({ type: "access", format: "json", since: BEFORE_SEED }));
    expect(csv.records).toEqual(emulator.logs("access"));
    expect(csv.records).toEqual(json.records);
    // The seeded values that break naive splitting are really in there.
    const details = csv.records.map((record) => record.details ?? "");
    expect(details.some((text) => text.includes('"') && text.includes(","))).toBe(true);
    expect(details.some((text) => text.includes("\r\n"))).toBe(true);
    expect(details.some((text) => /[^\r]\n/.test(text))).toBe(true);
    expect(csv.records.some((record) => record.url?.includes("''"))).toBe(true);
    expect(emulator.requests.filter((request) => request.query["responseformat"] === "csv")).toHaveLength(4);
  });

  it("resumes a CSV export from its checkpoint with nothing repeated", async () => {
    const emulator = await startEmulator({ logs: { cloudsummary: 75 }, pageSize: 30 });
    const client = tokenClient(emulator);
    const first = await drain(client.exportLogs({ type: "cloudsummary", format: "csv", since: BEFORE_SEED }), 1);
    const rest = await drain(client.exportLogs({ type: "cloudsummary", format: "csv", checkpoint: JSON.stringify(first.checkpoint) }));
    expect([...first.records, ...rest.records]).toEqual(emulator.logs("cloudsummary"));
    emulator.appendLogs("cloudsummary", 4);
    const later = await drain(client.exportLogs({ type: "cloudsummary", format: "csv", checkpoint: rest.checkpoint! }));
    expect(later.records).toEqual(emulator.logs("cloudsummary").slice(75));
    // Every CSV page after the first carried the token, never the start date.
    const sent = emulator.requests.map((request) => request.query);
    expect(sent.every((query) => query["responseformat"] === "csv" && query["type"] === "cloudsummary")).toBe(true);
    expect(sent.filter((query) => "startdate" in query)).toHaveLength(1);
  });

  it("reads an empty CSV page as the end", async () => {
    const emulator = await startEmulator({ logs: { ztna: 0 } });
    const run = await drain(tokenClient(emulator).exportLogs({ type: "ztna", format: "csv", since: BEFORE_SEED }));
    expect(run).toEqual({ records: [], checkpoint: { type: "ztna", startdate: BEFORE_SEED }, pages: 1 });
  });

  it("throws ApiError for a page whose CSV is malformed, instead of guessing", async () => {
    const emulator = await startEmulator();
    const broken = { status: "Request was successful", nextpagetoken: "e30=", response: { dataformat: "csv", dataencoding: "utf-8", data: 'a,b\r\n"open,1\r\n' } };
    emulator.injectFault({ path: "/api/bitglassapi/logs", status: 200, body: broken });
    const error = await drain(tokenClient(emulator).exportLogs({ type: "access", format: "csv", since: BEFORE_SEED })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, message: expect.stringMatching(/could not be parsed/) });
  });
});
