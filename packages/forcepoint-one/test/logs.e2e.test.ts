import { describe, expect, it } from "vitest";
import { ApiError, ConfigurationError, type LogCheckpoint } from "../src/index.js";
import { BEFORE_SEED, drain, startEmulator, tokenClient } from "./support.js";

const LOGS = "GET /api/bitglassapi/logs";

describe("exportLogs: stop and resume", () => {
  it("exports 250 records exactly once across a stop and a resume, then only the appended ones", async () => {
    const emulator = await startEmulator({ logs: { access: 250 }, pageSize: 50 });
    const client = tokenClient(emulator);

    const first = await drain(client.exportLogs({ type: "access", since: BEFORE_SEED }), 2);
    expect(first.records).toHaveLength(100);
    // The collector persists the checkpoint as text between runs.
    const saved = JSON.stringify(first.checkpoint);
    expect(JSON.parse(saved)).toEqual({ type: "access", nextpagetoken: expect.any(String) });

    const second = await drain(client.exportLogs({ type: "access", since: BEFORE_SEED, checkpoint: saved }));
    expect([...first.records, ...second.records]).toEqual(emulator.logs("access"));
    expect(second.pages).toBe(4); // 3 pages of 50, then the empty page that ends the run

    emulator.appendLogs("access", 30);
    const third = await drain(client.exportLogs({ type: "access", since: BEFORE_SEED, checkpoint: second.checkpoint }));
    expect(third.records).toEqual(emulator.logs("access").slice(250));

    const fourth = await drain(client.exportLogs({ type: "access", checkpoint: third.checkpoint }));
    expect(fourth.records).toHaveLength(0);
    expect(fourth.checkpoint).toEqual(third.checkpoint);

    // Every call carried type, cv and responseformat; none sent both or neither position.
    for (const request of emulator.requests) {
      expect(request.query).toMatchObject({ type: "access", cv: "1.1.5", responseformat: "json" });
      expect("startdate" in request.query).not.toBe("nextpagetoken" in request.query);
    }
  });

  it("keeps the start date as the checkpoint while pages are empty, so nothing added later is missed", async () => {
    const emulator = await startEmulator({ logs: { admin: 10 } });
    const client = tokenClient(emulator);
    const newest = emulator.logs("admin").at(-1)?.time ?? "";
    const after = new Date(Date.parse(`${newest} UTC`) + 1_000);

    const empty = await drain(client.exportLogs({ type: "admin", since: after }));
    expect(empty.records).toHaveLength(0);
    expect(empty.checkpoint).toEqual({ type: "admin", startdate: `${after.toISOString().slice(0, 19)}Z` });

    emulator.appendLogs("admin", 7);
    const resumed = await drain(client.exportLogs({ type: "admin", checkpoint: empty.checkpoint }));
    expect(resumed.records).toEqual(emulator.logs("admin").slice(10));
  });

  it("never mixes page tokens between two types exported side by side", async () => {
    const emulator = await startEmulator({ logs: { access: 130, swgweb: 170 }, pageSize: 40 });
    const client = tokenClient(emulator);
    const exported = { access: [] as unknown[], swgweb: [] as unknown[] };
    const checkpoints: Partial<Record<"access" | "swgweb", LogCheckpoint>> = {};

    // Three runs, each interleaving the types page by page and stopping after two rounds.
    for (let run = 0; run < 3; run++) {
      const streams = (["access", "swgweb"] as const).map((type) => ({
        type,
        pages: client.exportLogs({ type, since: BEFORE_SEED, ...(checkpoints[type] ? { checkpoint: checkpoints[type] } : {}) })[Symbol.asyncIterator](),
      }));
      for (let round = 0; round < 2; round++) {
        for (const { type, pages } of streams) {
          const next = await pages.next();
          if (next.done) continue;
          exported[type].push(...next.value.records);
          checkpoints[type] = next.value.checkpoint;
        }
      }
      await Promise.all(streams.map(async ({ pages }) => pages.return?.()));
    }
    expect(exported.access).toEqual(emulator.logs("access"));
    expect(exported.swgweb).toEqual(emulator.logs("swgweb"));
    expect(checkpoints.access?.type).toBe("access");
    expect(checkpoints.swgweb?.type).toBe("swgweb");
    // swgweb needs cv 1.1.0 or more (the emulator refuses less): the default, 1.1.5, meets it.
    expect(emulator.requests.filter((request) => request.query["type"] === "swgweb").every((request) => request.query["cv"] === "1.1.5")).toBe(true);
  });

  it("refuses another type's checkpoint before sending anything", async () => {
    const emulator = await startEmulator({ logs: { swgweb: 20 } });
    const client = tokenClient(emulator);
    const { checkpoint } = await drain(client.exportLogs({ type: "swgweb", since: BEFORE_SEED }), 1);
    const before = emulator.count(LOGS);
    const mixed = () => client.exportLogs({ type: "access", checkpoint: checkpoint });
    expect(mixed).toThrow(ConfigurationError);
    expect(mixed).toThrow(/belongs to log type "swgweb", not "access"/);
    expect(() => client.exportLogs({ type: "access", checkpoint: "not json" })).toThrow(/not a checkpoint/);
    expect(() => client.exportLogs({ type: "access" })).toThrow(/`since`.*or `checkpoint`/);
    expect(() => client.exportLogs({ type: "access", since: "yesterday" })).toThrow(ConfigurationError);
    expect(emulator.count(LOGS)).toBe(before);
  });

  it("sends `since` as UTC to the second, and stops when its signal aborts", async () => {
    const emulator = await startEmulator({ logs: { admin: 5 } });
    const client = tokenClient(emulator);
    for (const since of [new Date("2024-11-01T00:00:00.999Z"), "2024-11-01T02:00:00+02:00", "2024-11-01T00:00:00Z"]) {
      await drain(client.exportLogs({ type: "admin", since }));
    }
    const firsts = emulator.requests.filter((request) => "startdate" in request.query).map((request) => request.query["startdate"]);
    expect(firsts).toEqual(Array(3).fill("2024-11-01T00:00:00Z"));

    const before = emulator.count(LOGS);
    const controller = new AbortController();
    controller.abort(new Error("collector shutting down"));
    await expect(drain(client.exportLogs({ type: "admin", since: BEFORE_SEED, signal: controller.signal }))).rejects.toThrow();
    expect(emulator.count(LOGS)).toBe(before);
  });

  it("turns newest-first swgweb pages oldest first", async () => {
    const emulator = await startEmulator({ logs: { swgweb: 90 }, pageSize: 30 });
    const { records } = await drain(tokenClient(emulator).exportLogs({ type: "swgweb", since: BEFORE_SEED }));
    expect(records).toEqual(emulator.logs("swgweb"));
  });

  it("throws ApiError on a failed page", async () => {
    const emulator = await startEmulator({ logs: { access: 20 } });
    for (const format of ["json", "csv"] as const) {
      emulator.injectFault({ path: "/api/bitglassapi/logs", status: 400, body: { status: "Invalid startdate" } });
      const error = await drain(tokenClient(emulator).exportLogs({ type: "access", format, since: BEFORE_SEED })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 400, body: { status: "Invalid startdate" } });
    }
  });
});

describe("paginate (the contract's form)", () => {
  it("walks CSV pages through the engine too (the spec declares itemsText: csv), with the same records as JSON", async () => {
    const emulator = await startEmulator({ logs: { cloudaudit: 120 }, pageSize: 50 });
    const walk = async (responseformat: "json" | "csv") => {
      const records: unknown[] = [];
      const query = { type: "cloudaudit", cv: "1.1.5", responseformat, startdate: BEFORE_SEED } as const;
      for await (const record of tokenClient(emulator).paginate("/api/bitglassapi/logs", { params: { query } })) records.push(record);
      return records;
    };
    const csv = await walk("csv");
    expect(csv).toHaveLength(120);
    expect(csv).toEqual(await walk("json"));
    expect(emulator.requests.filter((request) => request.query["responseformat"] === "csv")).toHaveLength(4);
  });

  it("carries type, cv and responseformat on every page and swaps startdate for the token", async () => {
    const emulator = await startEmulator({ logs: { cloudaudit: 120 }, pageSize: 50 });
    const records: unknown[] = [];
    const query = { type: "cloudaudit", cv: "1.1.5", responseformat: "json", startdate: BEFORE_SEED } as const;
    for await (const record of tokenClient(emulator).paginate("/api/bitglassapi/logs", { params: { query } })) records.push(record);
    expect(records).toEqual(emulator.logs("cloudaudit"));
    const sent = emulator.requests.map((request) => request.query);
    expect(sent).toHaveLength(4);
    expect(sent[0]).toEqual({ type: "cloudaudit", cv: "1.1.5", responseformat: "json", startdate: BEFORE_SEED });
    for (const later of sent.slice(1)) expect(Object.keys(later).sort()).toEqual(["cv", "nextpagetoken", "responseformat", "type"]);
  });
});
