import { afterEach, describe, expect, it } from "vitest";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

// The directory family is served by the emulator from the spec alone: no hand-written route.
describe("directory users and groups", () => {
  it("creates a user, finds it in the paged list, changes it, puts it in a group, and deletes it", async () => {
    const server = await startEmulator({ count: 12 });
    const tenant = clientFor(server, "tenant");

    const created = await tenant.POST("/common/v1/directory/users", { body: { name: "Ada Lovelace", email: "ada@example.com" } });
    expect(created.response.status).toBe(201);
    const user = created.data!;
    expect(user).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com" });

    const all = await collect(tenant.paginate("/common/v1/directory/users", { params: { query: { pageSize: 5 } } }));
    expect(all).toHaveLength(13);
    expect(all.at(-1)).toEqual(user);

    const changed = await tenant.PATCH("/common/v1/directory/users/{userId}", { params: { path: { userId: user.id } }, body: { firstName: "Ada" } });
    expect(changed.data).toMatchObject({ id: user.id, name: "Ada Lovelace", firstName: "Ada" });

    const [group] = await collect(tenant.paginate("/common/v1/directory/user-groups"));
    const added = await tenant.POST("/common/v1/directory/users/{userId}/groups", { params: { path: { userId: user.id } }, body: { ids: [group!.id] } });
    expect(added.response.status).toBe(201);

    expect((await tenant.DELETE("/common/v1/directory/users/{userId}", { params: { path: { userId: user.id } } })).data).toEqual({ deleted: true });
    const gone = await tenant.GET("/common/v1/directory/users/{userId}", { params: { path: { userId: user.id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({ error: "Not Found" });
  });

  it("refuses a body the spec forbids with Sophos's 400 naming the field", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const refused = await tenant.POST("/common/v1/directory/user-groups", {
      // Sent as a user of untyped JavaScript could: `owner` is not a field of a new group.
      body: { name: "Finance", owner: "someone" } as never,
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ error: "Bad Request" });
    expect(JSON.stringify(refused.error)).toContain("owner");
  });

  it("keeps each tenant's directory apart", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01" }, { region: "eu01" }] });
    const partner = clientFor(server, "partner");
    const [first, second] = await collect(partner.tenants());
    const a = partner.forTenant(first!);
    const b = partner.forTenant(second!);
    const created = await a.POST("/common/v1/directory/user-groups", { body: { name: "Only in A" } });
    const inA = await collect(a.paginate("/common/v1/directory/user-groups"));
    const inB = await collect(b.paginate("/common/v1/directory/user-groups"));
    expect(inA.map((g) => g.id)).toContain(created.data!.id);
    expect(inB.map((g) => g.id)).not.toContain(created.data!.id);
  });
});
