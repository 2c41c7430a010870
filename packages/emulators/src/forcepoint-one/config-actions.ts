import { badRequest } from "./context.js";
import type { Directory, GroupRecord, UserRecord } from "./directory.js";
import type { ResolvedOptions } from "./options.js";

export const SUCCESS = "Request was successful";
type Body = Record<string, unknown>;

/** Fields each action accepts; anything else is refused (a v1 `companyemail` key in a user call, say). */
export const ACTION_FIELDS = {
  group: {
    createupdate: ["groupname", "newgroupname"],
    delete: ["groupname"],
    addmembers: ["groupname", "companyemail"],
    removemembers: ["groupname", "companyemail"],
  },
  user: {
    createupdate: [
      "username", "password", "firstname", "lastname", "primaryemail", "secondaryemail", "netbiosdomain", "samaccountname",
      "userprincipalname", "objectguid", "countrycode", "mobilenumber", "adminrole", "groupmembership",
    ],
    deactivate: ["username"],
    reactivate: ["username"],
    addtogroup: ["username", "groupname"],
    removefromgroup: ["username", "groupname"],
  },
} as const;

/** The v1 API's fields: the same, with users named by `companyemail` (and no `primaryemail`, `adminrole` or `groupmembership`). */
export const ACTION_FIELDS_V1 = {
  group: ACTION_FIELDS.group,
  user: {
    createupdate: [
      "companyemail", "password", "firstname", "lastname", "secondaryemail", "netbiosdomain", "samaccountname",
      "userprincipalname", "objectguid", "countrycode", "mobilenumber",
    ],
    deactivate: ["companyemail"],
    reactivate: ["companyemail"],
    addtogroup: ["companyemail", "groupname"],
    removefromgroup: ["companyemail", "groupname"],
  },
} as const;

/** Runs a `type=group` action; returns the 200 message or throws a 400. */
export function groupAction(directory: Directory, action: string, body: Body): string {
  const name = text(body, "groupname", true)!;
  if (action === "createupdate") {
    const rename = text(body, "newgroupname", false);
    const existing = directory.groupByName(name);
    if (rename === undefined) {
      if (!existing) directory.addGroup(name);
      return SUCCESS;
    }
    if (!existing) throw missingGroup(name);
    if (directory.groupByName(rename) && directory.groupByName(rename) !== existing) throw badRequest(`Group name: ${rename} already exists.`);
    directory.putGroup({ ...existing, displayName: rename });
    return SUCCESS;
  }
  const group = directory.groupByName(name);
  if (!group) throw missingGroup(name);
  if (action === "delete") {
    directory.deleteGroup(group.id);
    return SUCCESS;
  }
  const emails = list(body, "companyemail", true);
  const found = emails.map((email) => directory.userByName(email)).map((user) => (user?.active ? user : undefined));
  const done = emails.filter((_, i) => found[i]);
  const notDone = emails.filter((_, i) => !found[i]);
  if (done.length === 0) throw badRequest(`Users: ${emails.join(", ")} do not exist or are not active.`);
  const ids = found.filter((user): user is UserRecord => user !== undefined).map((user) => user.id);
  const members = action === "addmembers" ? [...group.members, ...ids] : group.members.filter((id) => !ids.includes(id));
  directory.putGroup({ ...group, members });
  if (notDone.length === 0) return SUCCESS;
  const verb = action === "addmembers" ? "added to" : "removed from";
  return `Users: ${done.join(", ")} have been ${verb} group ${group.displayName}. Users ${notDone.join(", ")} have not been ${verb} group ${group.displayName} because they do not exist or are not active.`;
}

/** Runs a `type=user` action; returns the 200 message or throws a 400. */
export function userAction(directory: Directory, options: ResolvedOptions, action: string, body: Body): string {
  const username = text(body, "username", true)!;
  if (action === "createupdate") return createUpdateUser(directory, options, username, body);
  const user = directory.userByName(username);
  if (!user) throw badRequest(`User ${username} does not exist.`);
  if (action === "deactivate" || action === "reactivate") {
    const active = action === "reactivate";
    if (user.active === active) throw badRequest(`User ${user.userName} is already ${active ? "active" : "deactivated"}`);
    directory.putUser({ ...user, active });
    return SUCCESS;
  }
  const group = groupNamed(directory, text(body, "groupname", true)!);
  const members = action === "addtogroup" ? [...group.members, user.id] : group.members.filter((id) => id !== user.id);
  directory.putGroup({ ...group, members });
  return SUCCESS;
}

function createUpdateUser(directory: Directory, options: ResolvedOptions, username: string, body: Body): string {
  if (!directory.inCompanyDomain(username)) throw badRequest("Company email needs to be in your company's domain");
  const existing = directory.userByName(username);
  const firstname = text(body, "firstname", existing === undefined);
  const country = text(body, "countrycode", false);
  const mobile = text(body, "mobilenumber", false);
  if (mobile !== undefined && country === undefined) throw badRequest("Mobile number needs to be accompanied by the country code.");
  if (country !== undefined && mobile === undefined) throw badRequest("Required parameters missing");
  if (country !== undefined && mobile !== undefined) {
    const badCountry = !isCountryCode(country);
    const badMobile = !/^\d{4,14}$/.test(mobile);
    if (badCountry && badMobile) throw badRequest("Invalid mobile number and country code.");
    if (badCountry) throw badRequest(`Invalid country code: ${country}. Make sure that it is a valid country code.`);
    if (badMobile) throw badRequest("Invalid mobile number. Make sure that the mobile number should not contain country code.");
  }
  const role = text(body, "adminrole", false);
  if (role !== undefined && role !== "none" && !options.adminRoles.includes(role)) throw badRequest(`Invalid admin role: ${role}`);
  const groups = list(body, "groupmembership", false).map((name) => groupNamed(directory, name));
  for (const key of ["password", "netbiosdomain", "samaccountname", "userprincipalname", "objectguid"]) text(body, key, false);
  const primary = text(body, "primaryemail", false);
  const fields: Partial<UserRecord> = {
    ...(firstname !== undefined ? { givenName: firstname } : {}),
    ...(body["lastname"] !== undefined ? { familyName: text(body, "lastname", false)! } : {}),
    ...(primary !== undefined ? { workEmail: primary } : {}),
    ...(body["secondaryemail"] !== undefined ? { otherEmail: text(body, "secondaryemail", false)! } : {}),
    ...(country !== undefined ? { countryCode: country.toUpperCase(), mobileNumber: mobile } : {}),
    ...(role !== undefined ? { adminRole: role } : {}),
  };
  const user = existing ? directory.putUser({ ...existing, ...fields }) : directory.addUser({ userName: username, source: "Local", ...fields });
  for (const group of groups) directory.putGroup({ ...group, members: [...group.members, user.id] });
  return SUCCESS;
}

function groupNamed(directory: Directory, name: string): GroupRecord {
  const group = directory.groupByName(name);
  if (!group) throw missingGroup(name);
  return group;
}

function missingGroup(name: string): Error {
  return badRequest(`Group name: ${name} does not exist.`);
}

function text(body: Body, key: string, required: boolean): string | undefined {
  const value = body[key];
  if (value === undefined || value === "") {
    if (required) throw badRequest("Required parameters missing");
    return undefined;
  }
  if (typeof value !== "string") throw badRequest(`Invalid value for ${key}: expected a string`);
  return value;
}

function list(body: Body, key: string, required: boolean): string[] {
  const value = body[key];
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    if (required) throw badRequest("Required parameters missing");
    return [];
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== "")) {
    throw badRequest(`Invalid value for ${key}: expected a list of strings`);
  }
  return value as string[];
}

/** Two-letter region codes ICU names that are not countries. */
const NOT_COUNTRIES = new Set(["ZZ", "QO", "EU", "EZ", "UN"]);

/** An ISO 3166 alpha-2 country code the runtime's ICU knows. */
function isCountryCode(code: string): boolean {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper) || NOT_COUNTRIES.has(upper)) return false;
  return new Intl.DisplayNames(["en"], { type: "region", fallback: "code" }).of(upper) !== upper;
}
