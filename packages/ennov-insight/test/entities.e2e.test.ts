import { ENNOV_INSIGHT_DEMO_CREDENTIALS as DEMO, startEnnovInsightEmulator, type EnnovInsightEmulator } from "@secfetch/emulators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEnnovInsightClient, type EnnovInsightClient } from "../src/index.js";

let emulator: EnnovInsightEmulator;
let client: EnnovInsightClient;
beforeEach(async () => {
  emulator = await startEnnovInsightEmulator({ applications: 3 });
  client = createEnnovInsightClient({ ...DEMO, baseUrl: emulator.url, loginUrl: emulator.loginUrl });
});
afterEach(async () => {
  await emulator.close();
});

describe("events", () => {
  it("reads an event, updates it with create-or-update and reads the change back", async () => {
    const seeded = emulator.events[0]!;
    const read = await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id: seeded.id } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toEqual(seeded);

    const description = "Type II variation, new indication (secfetch test)";
    const updated = await client.POST("/insight/api/v2/event/create-or-update", { body: { id: seeded.id, status: "Completed", description } });
    expect(updated.response.status).toBe(200);
    expect(updated.data).toMatchObject({ ...seeded, status: "Completed", description, modifiedDate: expect.any(String) });
    expect(updated.data?.modifiedDate).not.toBe(seeded.modifiedDate);

    const back = await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id: seeded.id } }, body: { id: seeded.id } });
    expect(back.data).toEqual(updated.data);
    const found = await client.POST("/insight/api/v2/event/read", { body: { queryFor: { applicationId: seeded.applicationId, status: "Completed" } } });
    expect(found.data?.map((event) => event.id)).toContain(seeded.id);
    expect(emulator.events.find((event) => event.id === seeded.id)?.status).toBe("Completed");
  });

  it("creates an event, and create-or-update without an id creates one too", async () => {
    const applicationId = emulator.applications[0]!.id;
    const before = emulator.events.length;
    const created = await client.POST("/insight/api/v2/event/create", { body: { applicationId, eventType: "Variation", status: "Planned", eventDate: "2025-03-01" } });
    expect(created.response.status).toBe(200);
    expect(created.data).toMatchObject({ applicationId, eventType: "Variation", status: "Planned", eventDate: "2025-03-01", description: null });
    const upserted = await client.POST("/insight/api/v2/event/create-or-update", { body: { applicationId, eventType: "Renewal", status: "Planned" } });
    expect(upserted.response.status).toBe(200);
    expect(upserted.data?.id).toBeGreaterThan(created.data!.id);
    expect(emulator.events).toHaveLength(before + 2);
  });

  it("answers a typed 404 for an unknown id and a typed 400 for a bad body", async () => {
    const missing = await client.POST("/insight/api/v2/event/create-or-update", { body: { id: 99_999, status: "Completed" } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, error: "Not Found" });
    const bad = await client.POST("/insight/api/v2/event/create", { body: { applicationId: emulator.applications[0]!.id, eventType: "Variation", status: "Nope" as never } });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.status).toBe(400);
  });
});

describe("deletes", () => {
  it("deletes an event country, and refuses an event that still has some", async () => {
    const country = emulator.eventCountries[0]!;
    const refused = await client.POST("/insight/api/v2/event/{id}/delete", { params: { path: { id: country.eventId } } });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ status: 409, error: "Conflict" });

    const deleted = await client.POST("/insight/api/v2/event-country/{id}/delete", { params: { path: { id: country.id } } });
    expect(deleted.response.status).toBe(204);
    expect(emulator.eventCountries.some((candidate) => candidate.id === country.id)).toBe(false);
    const gone = await client.POST("/insight/api/v2/event-country/{id}/read", { params: { path: { id: country.id } } });
    expect(gone.response.status).toBe(404);
    // A POST delete is not retried: exactly one request reached the server.
    expect(emulator.count("POST /insight/api/v2/event-country/{id}/delete")).toBe(1);
  });

  it("deletes a record created just before", async () => {
    const created = await client.POST("/insight/api/v2/license/create", {
      body: { applicationId: emulator.applications[0]!.id, licenseNumber: "EU/1/25/0001", countryCode: "DE", status: "Active" },
    });
    expect(created.response.status).toBe(200);
    const id = created.data!.id;
    expect((await client.POST("/insight/api/v2/license/{id}/delete", { params: { path: { id } }, body: { id } })).response.status).toBe(204);
    expect(emulator.licenses.some((license) => license.id === id)).toBe(false);
  });
});

describe("writes across a re-login", () => {
  it("replays an update refused for an expired session, applying it once", async () => {
    const seeded = emulator.events[0]!;
    await client.POST("/insight/api/v2/event/{id}/read", { params: { path: { id: seeded.id } } });
    emulator.expireSessions();
    const { response, data } = await client.POST("/insight/api/v2/event/create-or-update", { body: { id: seeded.id, status: "Cancelled" } });
    expect(response.status).toBe(200);
    expect(data?.status).toBe("Cancelled");
    const updates = emulator.requests.filter((request) => request.route === "POST /insight/api/v2/event/create-or-update");
    expect(updates).toHaveLength(2);
    expect(updates[1]?.body).toBe(updates[0]?.body);
    expect(JSON.parse(updates[1]?.body ?? "{}")).toEqual({ id: seeded.id, status: "Cancelled" });
    expect(updates[1]?.headers.cookie).not.toBe(updates[0]?.headers.cookie);
  });
});
