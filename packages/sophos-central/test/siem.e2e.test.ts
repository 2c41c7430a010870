import { afterEach, describe, expect, it } from "vitest";
import { ApiError, type SiemBatch, type SiemEvent } from "../src/index.js";
import { clientFor, closeAll, collect, spyFetch, startEmulator } from "./support.js";

afterEach(closeAll);

const ids = (batches: Array<SiemBatch<{ id: string }>>) => batches.flatMap((batch) => batch.items.map((item) => item.id));

describe("SIEM feeds with cursors", () => {
  it("yields every event once, oldest first, with a cursor on every batch", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01", siemEvents: 45 }] });
    const batches = await collect(clientFor(server, "tenant").siemEvents({ limit: 20 }));

    expect(batches.map((batch) => batch.items.length)).toEqual([20, 20, 5]);
    expect(new Set(ids(batches)).size).toBe(45);
    const created = batches.flatMap((batch) => batch.items.map((item) => Date.parse(item.created_at ?? "")));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(batches.every((batch) => typeof batch.cursor === "string" && batch.cursor.length > 0)).toBe(true);
    // The first request starts from the API's default window, later ones only from the cursor.
    const calls = server.requestsTo("eu01").filter((request) => request.route === "GET /siem/v1/events");
    expect(calls.map((call) => Object.keys(call.query).sort())).toEqual([["limit"], ["cursor", "limit"], ["cursor", "limit"]]);
  });

  it("resumes a stopped run from its saved cursor without repeating or skipping", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01", siemEvents: 45 }] });
    const tenant = clientFor(server, "tenant");

    let saved: string | undefined;
    const firstRun: string[] = [];
    for await (const batch of tenant.siemEvents({ limit: 20 })) {
      firstRun.push(...batch.items.map((item) => item.id));
      saved = batch.cursor;
      break; // the collector stops after one batch (shutdown, crash after saving)
    }
    const secondRun = ids(await collect(tenant.siemEvents({ cursor: saved!, limit: 20 })));

    expect(firstRun).toHaveLength(20);
    expect(secondRun).toHaveLength(25);
    expect(new Set([...firstRun, ...secondRun]).size).toBe(45);
  });

  it("returns only the events added since the last run's final cursor", async () => {
    const server = await startEmulator({ tenants: [{ region: "us01", siemEvents: 30 }] });
    const tenant = clientFor(server, "tenant");
    const first = await collect(tenant.siemEvents());
    const saved = first.at(-1)!.cursor;

    server.appendSiemEvents(server.ids.tenant, 7);
    const second = await collect(tenant.siemEvents({ cursor: saved }));
    const fresh = ids(second);
    expect(fresh).toHaveLength(7);
    expect(fresh.some((id) => ids(first).includes(id))).toBe(false);

    // Nothing new: one empty batch whose cursor still resumes at the same place.
    const third = await collect(tenant.siemEvents({ cursor: second.at(-1)!.cursor }));
    expect(ids(third)).toEqual([]);
    server.appendSiemEvents(server.ids.tenant, 2);
    expect(ids(await collect(tenant.siemEvents({ cursor: third.at(-1)!.cursor })))).toHaveLength(2);
  });

  it("reads a partner's tenant feed, alerts too, and passes fromDate and excludeTypes", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01", siemEvents: 40, siemAlerts: 12 }] });
    const partner = clientFor(server, "partner");
    const [tenant] = await collect(partner.tenants());
    const client = partner.forTenant(tenant!);

    const alerts = ids(await collect(client.siemAlerts({ limit: 5 })));
    expect(new Set(alerts).size).toBe(12);
    const fromDate = new Date(Date.now() - 6 * 60 * 60 * 1000);
    const events: SiemEvent[] = (await collect(client.siemEvents({ fromDate, excludeTypes: ["Event::Endpoint::UpdateSuccess"] }))).flatMap((batch) => batch.items);
    expect(events.every((event) => event.type !== "Event::Endpoint::UpdateSuccess" && Date.parse(event.created_at!) >= fromDate.getTime() - 1000)).toBe(true);
    const first = server.requestsTo("eu01").find((request) => request.route === "GET /siem/v1/events");
    expect(first?.query).toEqual({ from_date: String(Math.floor(fromDate.getTime() / 1000)), exclude_types: "Event::Endpoint::UpdateSuccess" });
    expect(first?.headers["x-tenant-id"]).toBe(tenant!.id);
  });

  it("the engine's pages() gives the same checkpoint as a query to resume with", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01", siemEvents: 25 }] });
    const tenant = clientFor(server, "tenant");
    const pages = await collect(tenant.pages("/siem/v1/events", { params: { query: { limit: 10, from_date: Math.floor(Date.now() / 1000) - 23.5 * 3600 } } }));
    const last = pages.at(-1)!.checkpoint!;
    expect(last).toEqual({ limit: 10, cursor: expect.any(String) });
    server.appendSiemEvents(server.ids.tenant, 3);
    const resumed = await collect(tenant.paginate("/siem/v1/events", { params: { query: last } }));
    expect(resumed).toHaveLength(3);
  });

  it("fails a batch that comes without next_cursor instead of handing out items it cannot resume after", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01", siemEvents: 5 }] });
    const spy = spyFetch((path, body) => {
      if (path !== "/siem/v1/events") return body;
      const { next_cursor: _dropped, ...rest } = body as Record<string, unknown>;
      return rest;
    });
    const handed: unknown[] = [];
    const error = await (async () => {
      for await (const batch of clientFor(server, "tenant", { fetch: spy.fetch }).siemEvents()) handed.push(...batch.items);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/without `next_cursor`/);
    expect(handed).toEqual([]);
  });
});
