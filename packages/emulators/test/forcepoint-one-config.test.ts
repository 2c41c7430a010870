import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { FORCEPOINT_ONE_DEMO_CREDENTIALS as demo, startForcepointOneEmulator } from "../src/index.js";
import type { ForcepointOneEmulator } from "../src/index.js";

let emulator: ForcepointOneEmulator;

beforeAll(async () => {
  emulator = await startForcepointOneEmulator({ rateLimitPerSecond: null, directory: { users: 5, groups: 1 } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function config(type: string, action: string, body: unknown, contentType = "application/json"): Promise<[number, string]> {
  const res = await fetch(`${emulator.url}/api/bitglassapi/config/v1.1/?type=${type}&action=${action}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${demo.token}`, "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return [res.status, ((await res.json()) as { status: string }).status];
}

const OK = [200, "Request was successful"];

it("creates, renames and deletes groups", async () => {
  expect(await config("group", "createupdate", { groupname: "field-ops" })).toEqual(OK);
  expect(await config("group", "createupdate", { groupname: "field-ops", newgroupname: "Sales Department" })).toEqual(OK);
  expect(emulator.groups.map((group) => group.displayName)).toContain("Sales Department");
  expect(await config("group", "createupdate", { groupname: "field-ops", newgroupname: "x" })).toEqual([400, "Group name: field-ops does not exist."]);
  expect(await config("group", "delete", { groupname: "Sales Department" })).toEqual(OK);
  expect(await config("group", "delete", { groupname: "Sales Department" })).toEqual([400, "Group name: Sales Department does not exist."]);
});

it("creates a user, puts it in groups, deactivates and reactivates it", async () => {
  await config("group", "createupdate", { groupname: "field-ops" });
  const user = { username: "j.doe@example.com", firstname: "Jane", lastname: "Doe", countrycode: "US", mobilenumber: "5551234567", groupmembership: ["field-ops"] };
  expect(await config("user", "createupdate", user)).toEqual(OK);
  const created = emulator.users.find((u) => u.userName === "j.doe@example.com")!;
  expect(created).toMatchObject({ givenName: "Jane", familyName: "Doe", countryCode: "US", source: "Local", active: true });
  expect(emulator.groups.find((g) => g.displayName === "field-ops")!.members).toEqual([created.id]);

  expect(await config("user", "deactivate", { username: "j.doe@example.com" })).toEqual(OK);
  expect(await config("user", "deactivate", { username: "j.doe@example.com" })).toEqual([400, "User j.doe@example.com is already deactivated"]);
  expect(await config("group", "addmembers", { groupname: "field-ops", companyemail: ["j.doe@example.com"] })).toEqual([
    400,
    "Users: j.doe@example.com do not exist or are not active.",
  ]);
  expect(await config("user", "reactivate", { username: "j.doe@example.com" })).toEqual(OK);
  expect(await config("user", "removefromgroup", { username: "j.doe@example.com", groupname: "field-ops" })).toEqual(OK);
  const [status, message] = await config("group", "addmembers", { groupname: "field-ops", companyemail: ["j.doe@example.com", "ghost@example.com"] });
  expect(status).toBe(200);
  expect(message).toMatch(/^Users: j\.doe@example\.com have been added to group field-ops\. Users ghost@example\.com have not been added/);
});

it.each([
  ["user", "createupdate", { username: "x@elsewhere.test", firstname: "X" }, "Company email needs to be in your company's domain"],
  ["user", "createupdate", { username: "x@example.com" }, "Required parameters missing"],
  ["user", "createupdate", { username: "x@example.com", firstname: "X", mobilenumber: "5551234567" }, "Mobile number needs to be accompanied by the country code."],
  ["user", "createupdate", { username: "x@example.com", firstname: "X", countrycode: "ZZ", mobilenumber: "5551234567" }, "Invalid country code: ZZ. Make sure that it is a valid country code."],
  ["user", "createupdate", { username: "x@example.com", firstname: "X", countrycode: "US", mobilenumber: "+15551234567" }, "Invalid mobile number. Make sure that the mobile number should not contain country code."],
  ["user", "createupdate", { username: "x@example.com", firstname: "X", adminrole: "Wizard" }, "Invalid admin role: Wizard"],
  ["user", "createupdate", { companyemail: "x@example.com", firstname: "X" }, "Unknown parameter for user createupdate: companyemail"],
  ["user", "remove", { username: "x@example.com" }, /^Invalid action: remove\./],
  ["device", "createupdate", { username: "x@example.com" }, "Invalid type: device. Supported types are: user, group"],
])("%s %s %j → 400", async (type, action, body, message) => {
  const [status, text] = await config(type, action, body);
  expect(status).toBe(400);
  if (typeof message === "string") expect(text).toBe(message);
  else expect(text).toMatch(message);
});

it("wants a JSON body and POST", async () => {
  expect((await config("group", "createupdate", "groupname=sales", "application/x-www-form-urlencoded"))[0]).toBe(415);
  expect((await config("group", "createupdate", "{not json"))[0]).toBe(400);
  const get = await fetch(`${emulator.url}/api/bitglassapi/config/v1.1/?type=group&action=createupdate`, { headers: { Authorization: `Bearer ${demo.token}` } });
  expect(get.status).toBe(405);
  expect(get.headers.get("allow")).toBe("POST");
});
