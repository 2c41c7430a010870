import { afterEach, describe, expect, it } from "vitest";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

const SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// Allowed and blocked items are served by the emulator from the spec alone.
describe("global allowed and blocked items", () => {
  it("blocks a file by hash, finds it in the list, and unblocks it", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const blocked = await tenant.POST("/endpoint/v1/settings/blocked-items", {
      body: { type: "sha256", properties: { sha256: SHA, fileName: "dropper.exe" }, comment: "Seen in incident 42" },
    });
    expect(blocked.response.status).toBe(201);
    const item = blocked.data!;
    expect(item).toMatchObject({ type: "sha256", properties: { sha256: SHA }, comment: "Seen in incident 42" });

    const listed = await collect(tenant.paginate("/endpoint/v1/settings/blocked-items", { params: { query: { pageSize: 4 } } }));
    expect(listed.filter((entry) => entry.id === item.id)).toEqual([item]);

    expect((await tenant.DELETE("/endpoint/v1/settings/blocked-items/{blockedItemId}", { params: { path: { blockedItemId: item.id } } })).data).toEqual({ deleted: true });
    expect((await tenant.GET("/endpoint/v1/settings/blocked-items/{blockedItemId}", { params: { path: { blockedItemId: item.id } } })).response.status).toBe(404);
  });

  it("changes an allowed item's comment and nothing else", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const allowed = await tenant.POST("/endpoint/v1/settings/allowed-items", {
      body: { type: "path", properties: { path: "$desktop/tools/inventory.exe" }, comment: "Asset inventory agent" },
    });
    const id = allowed.data!.id;
    const changed = await tenant.PATCH("/endpoint/v1/settings/allowed-items/{allowedItemId}", { params: { path: { allowedItemId: id } }, body: { comment: "Asset inventory agent v2" } });
    expect(changed.data).toMatchObject({ id, type: "path", properties: { path: "$desktop/tools/inventory.exe" }, comment: "Asset inventory agent v2" });
    const refused = await tenant.PATCH("/endpoint/v1/settings/allowed-items/{allowedItemId}", {
      params: { path: { allowedItemId: id } },
      body: { comment: "x", type: "sha256" } as never,
    });
    expect(refused.response.status).toBe(400);
    expect(JSON.stringify(refused.error)).toContain("type");
  });

  it("refuses a blocked item whose hash is not a SHA-256", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const refused = await tenant.POST("/endpoint/v1/settings/blocked-items", {
      body: { type: "sha256", properties: { sha256: "not-a-hash" }, comment: "typo" },
    });
    expect(refused.response.status).toBe(400);
    expect(JSON.stringify(refused.error)).toContain("sha256");
  });
});

describe("exploit mitigation", () => {
  it("protects a custom application, turns one mitigation off, lists it among the custom ones, and removes it", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const created = await tenant.POST("/endpoint/v1/settings/exploit-mitigation/applications", { body: { paths: ["$programfiles\\Inventory\\agent.exe"] } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    const changed = await tenant.PATCH("/endpoint/v1/settings/exploit-mitigation/applications/{exploitMitigationApplicationId}", {
      params: { path: { exploitMitigationApplicationId: id } },
      body: { modifications: { protected: true, settings: { HeapSpray: false } } },
    });
    expect(changed.data).toMatchObject({ id, paths: ["$programfiles\\Inventory\\agent.exe"], modifications: { protected: true, settings: { HeapSpray: false } } });
    const listed = await collect(tenant.paginate("/endpoint/v1/settings/exploit-mitigation/applications"));
    expect(listed.map((app) => app.id)).toContain(id);
    const settingRefused = await tenant.PATCH("/endpoint/v1/settings/exploit-mitigation/applications/{exploitMitigationApplicationId}", {
      params: { path: { exploitMitigationApplicationId: id } },
      body: { modifications: { settings: { HeapSpray: "off" } } } as never,
    });
    expect(settingRefused.response.status).toBe(400);
    expect(JSON.stringify(settingRefused.error)).toContain("HeapSpray");
    expect((await tenant.DELETE("/endpoint/v1/settings/exploit-mitigation/applications/{exploitMitigationApplicationId}", { params: { path: { exploitMitigationApplicationId: id } } })).data).toEqual({ deleted: true });
  });
});
