import { describe, expect, it } from "vitest";
import { startEmulator, tokenClient } from "./support.js";

const v1 = "/api/bitglassapi/config/v1/" as const;

describe("config API v1: users named by company e-mail", () => {
  it("creates a user, makes a group, adds the user, renames the group as the SOAR app does, and deactivates the user", async () => {
    const emulator = await startEmulator();
    const client = tokenClient(emulator);
    const call = async (type: "user" | "group", action: string, body: Record<string, unknown>) => {
      const { data, error, response } = await client.POST(v1, { params: { query: { type, action: action as "createupdate" } }, body: body as never });
      return { status: response.status, message: (data ?? error) };
    };
    expect(await call("user", "createupdate", { companyemail: "jane.doe@example.com", firstname: "Jane", lastname: "Doe" })).toEqual({ status: 200, message: { status: "Request was successful" } });
    expect((await call("group", "createupdate", { groupname: "v1-sales" })).status).toBe(200);
    expect((await call("group", "addmembers", { groupname: "v1-sales", companyemail: ["jane.doe@example.com"] })).status).toBe(200);
    expect((await call("group", "createupdate", { groupname: "v1-sales", newgroupname: ["V1 Sales"] })).status).toBe(200);
    expect((await call("user", "deactivate", { companyemail: "jane.doe@example.com" })).status).toBe(200);

    const jane = emulator.users.find((user) => user.userName === "jane.doe@example.com");
    expect(jane).toMatchObject({ active: false });
    const group = emulator.groups.find((candidate) => candidate.displayName === "V1 Sales");
    expect(group?.members).toContain(jane!.id);
    // The same quota counts both versions.
    expect(emulator.configCallsToday).toBe(5);
  });

  it("refuses a v1.1 body (username) on v1 and a v1 body (companyemail) on v1.1, naming the field", async () => {
    const emulator = await startEmulator();
    const client = tokenClient(emulator);
    const onV1 = await client.POST(v1, { params: { query: { type: "user", action: "deactivate" } }, body: { username: "a.user@example.com" } as never });
    expect(onV1.response.status).toBe(400);
    expect(JSON.stringify(onV1.error)).toContain("username");
    const onV11 = await client.POST("/api/bitglassapi/config/v1.1/", { params: { query: { type: "user", action: "deactivate" } }, body: { companyemail: "a.user@example.com" } as never });
    expect(onV11.response.status).toBe(400);
    expect(JSON.stringify(onV11.error)).toContain("companyemail");
  });
});
