import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signInToEnnovInsightEmulator, startEnnovInsightEmulator } from "../src/index.js";
import type { EnnovInsightEmulator, EnnovInsightSignedInSession } from "../src/index.js";

let emulator: EnnovInsightEmulator;
let signedIn: EnnovInsightSignedInSession;

beforeAll(async () => {
  emulator = await startEnnovInsightEmulator({ applications: 4, seed: 7 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.reset();
  signedIn = await signInToEnnovInsightEmulator(emulator);
});

function call(path: string, body?: unknown, init: { headers?: Record<string, string>; raw?: string; method?: string } = {}): Promise<Response> {
  return fetch(`${emulator.url}/insight/api/v2/${path}`, {
    method: init.method ?? "POST",
    headers: { ...signedIn.headers, ...init.headers },
    ...(init.raw !== undefined ? { body: init.raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
}

describe("read", () => {
  it("filters with queryFor: equality, lists of values, {} for everything", async () => {
    const all = await json<Array<{ id: number }>>(await call("event/read", { queryFor: {} }));
    expect(all.map((e) => e.id)).toEqual(emulator.events.map((e) => e.id));

    const application = emulator.applications[1]!;
    const ofOne = await json<Array<{ applicationId: number }>>(await call("event/read", { queryFor: { applicationId: application.id } }));
    expect(ofOne.length).toBe(emulator.events.filter((e) => e.applicationId === application.id).length);
    expect(ofOne.every((e) => e.applicationId === application.id)).toBe(true);

    const statuses = ["Planned", "Completed"];
    const some = await json<Array<{ status: string }>>(await call("event/read", { queryFor: { status: statuses } }));
    expect(some.length).toBe(emulator.events.filter((e) => statuses.includes(e.status)).length);

    const nulls = await json<unknown[]>(await call("event-country/read", { queryFor: { actualDate: null } }));
    expect(nulls.length).toBe(emulator.eventCountries.filter((c) => c.actualDate === null).length);
  });

  it.each([
    ["no queryFor", {}],
    ["queryFor not an object", { queryFor: [1] }],
    ["an unknown field", { queryFor: { colour: "red" } }],
    ["a value of the wrong type", { queryFor: { applicationId: "1001" } }],
    ["an empty list", { queryFor: { status: [] } }],
    ["an extra top-level key", { queryFor: {}, page: 2 }],
  ])("refuses %s with 400", async (_name, body) => {
    const res = await call("license/read", body);
    expect(await json(res, 400)).toMatchObject({ status: 400, error: "Bad Request", path: "/insight/api/v2/license/read" });
  });

  it("reads one record by id, with an empty body or a matching {id}", async () => {
    const event = emulator.events[0]!;
    expect(await json(await call(`event/${event.id}/read`))).toEqual(event);
    expect(await json(await call(`event/${event.id}/read`, { id: event.id }))).toEqual(event);
    await json(await call(`event/${event.id}/read`, { id: event.id + 1 }), 400);
    await json(await call("event/1/read"), 404);
    await json(await call("event/abc/read"), 400);
  });
});

describe("create, create-or-update, delete", () => {
  it("creates a record with server-assigned id and modifiedDate", async () => {
    const application = emulator.applications[0]!;
    const created = await json(await call("license/create", {
      applicationId: application.id,
      licenseNumber: "EU/1/24/9999/001",
      countryCode: "DE",
      status: "Active",
    }));
    expect(created).toMatchObject({ id: expect.any(Number), applicationId: application.id, issueDate: null, expiryDate: null });
    expect(Date.parse(String(created["modifiedDate"]))).not.toBeNaN();
    expect(emulator.licenses.some((l) => l.id === created["id"])).toBe(true);
  });

  it.each([
    ["a missing required field", { countryCode: "DE" }],
    ["an unknown field", { countryCode: "DE", status: "Planned", colour: "red" }],
    ["a bad country code", { countryCode: "deu", status: "Planned" }],
    ["a bad enum value", { countryCode: "DE", status: "Done" }],
    ["a bad date", { countryCode: "DE", status: "Planned", plannedDate: "31/05/2024" }],
    ["an id", { id: 5, countryCode: "DE", status: "Planned" }],
    ["a reference to nothing", { eventId: 1, countryCode: "DE", status: "Planned" }],
  ])("refuses a create with %s", async (_name, fields) => {
    const eventId = emulator.events[0]!.id;
    await json(await call("event-country/create", { eventId, ...fields }), 400);
  });

  it("create-or-update updates the given fields when there is an id, creates when there is none", async () => {
    const event = emulator.events[0]!;
    const updated = await json(await call("event/create-or-update", { id: event.id, status: "Cancelled" }));
    expect(updated).toMatchObject({ id: event.id, status: "Cancelled", eventType: event.eventType });
    expect(updated["modifiedDate"]).not.toBe(event.modifiedDate);
    expect(emulator.events.find((e) => e.id === event.id)!.status).toBe("Cancelled");

    const created = await json(await call("event/create-or-update", { applicationId: event.applicationId, eventType: "Renewal", status: "Planned" }));
    expect(created["id"]).toBeGreaterThan(Math.max(...emulator.events.filter((e) => e.id !== created["id"]).map((e) => e.id)));

    await json(await call("event/create-or-update", { id: 1, status: "Cancelled" }), 404);
    await json(await call("event/create-or-update", { id: event.id, status: null }), 400);
  });

  it("deletes with 204, then 404; refuses to delete a record still referenced (409)", async () => {
    const country = emulator.eventCountries[0]!;
    const deleted = await call(`event-country/${country.id}/delete`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect(emulator.eventCountries.some((c) => c.id === country.id)).toBe(false);
    await json(await call(`event-country/${country.id}/delete`), 404);

    const event = emulator.events.find((e) => emulator.eventCountries.some((c) => c.eventId === e.id))!;
    expect(await json(await call(`event/${event.id}/delete`), 409)).toMatchObject({ status: 409, error: "Conflict" });
    for (const c of emulator.eventCountries.filter((c) => c.eventId === event.id)) {
      expect((await call(`event-country/${c.id}/delete`)).status).toBe(204);
    }
    expect((await call(`event/${event.id}/delete`)).status).toBe(204);
    expect(emulator.count("POST /insight/api/v2/event/{id}/delete")).toBe(2);
  });
});

describe("strictness", () => {
  it("wants JSON bodies", async () => {
    const form = await call("event/read", undefined, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, raw: "queryFor=x" });
    await json(form, 415);
    await json(await call("event/read", undefined, { raw: "{not json" }), 400);
  });

  it("answers 405 with Allow for another method, 404 for unknown paths and entities", async () => {
    const get = await call("event/read", undefined, { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    await json(await call("event/read/"), 404);
    await json(await call("product/read", { queryFor: {} }), 404);
  });

  it("refuses unknown query parameters but allows _csrf", async () => {
    await json(await call("event/read?limit=5", { queryFor: {} }), 400);
    await json(await call(`event/read?_csrf=${signedIn.csrf}`, { queryFor: {} }));
  });

  it("serves injected faults in Spring's error shape", async () => {
    emulator.injectFault({ path: "/insight/api/v2/event/read", status: 500 });
    expect(await json(await call("event/read", { queryFor: {} }), 500)).toMatchObject({ status: 500, error: "Internal Server Error" });
    await json(await call("event/read", { queryFor: {} }));
  });

  it("seeds the same data for the same seed", async () => {
    const twin = await startEnnovInsightEmulator({ applications: 4, seed: 7 });
    try {
      expect(twin.applications).toEqual(emulator.applications);
      expect(twin.eventCountries).toEqual(emulator.eventCountries);
    } finally {
      await twin.close();
    }
  });
});
