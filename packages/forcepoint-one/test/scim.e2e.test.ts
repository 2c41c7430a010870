import { describe, expect, it } from "vitest";
import { startEmulator, tokenClient } from "./support.js";

const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

describe("SCIM", () => {
  it("creates, reads, changes and deletes a user", async () => {
    const emulator = await startEmulator();
    const client = tokenClient(emulator);
    const created = await client.POST("/api/bitglassapi/v2/scim/Users", {
      body: {
        schemas: [USER_SCHEMA],
        userName: "jane.collector@example.com",
        name: { givenName: "Jane", familyName: "Collector" },
        emails: [{ value: "jane.collector@example.com", type: "work", primary: true }],
        active: true,
      },
    });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? "";
    expect(id).not.toBe("");

    const read = await client.GET("/api/bitglassapi/v2/scim/Users/{id}", { params: { path: { id } } });
    expect(read.data).toMatchObject({ id, userName: "jane.collector@example.com", active: true, name: { givenName: "Jane" } });

    const patched = await client.PATCH("/api/bitglassapi/v2/scim/Users/{id}", {
      params: { path: { id } },
      body: { schemas: [PATCH_SCHEMA], Operations: [{ op: "Replace", path: "active", value: false }] },
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.active).toBe(false);
    expect(emulator.users.find((user) => user.id === id)?.active).toBe(false);

    const deleted = await client.DELETE("/api/bitglassapi/v2/scim/Users/{id}", { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);
    const gone = await client.GET("/api/bitglassapi/v2/scim/Users/{id}", { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error?.status).toBe("404");
  });

  it("paginates users by startIndex, every user once", async () => {
    const emulator = await startEmulator({ directory: { users: 57 } });
    const ids: string[] = [];
    for await (const user of tokenClient(emulator).paginate("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 10 } } })) {
      ids.push(user.id);
    }
    expect(ids).toHaveLength(57);
    expect(new Set(ids)).toEqual(new Set(emulator.users.map((user) => user.id)));
    expect(emulator.requests.map((request) => request.query["startIndex"])).toEqual([undefined, "11", "21", "31", "41", "51"]);
  });
});
