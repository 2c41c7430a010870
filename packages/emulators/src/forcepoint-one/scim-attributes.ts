import { HttpError } from "../shared/http-helpers.js";
import type { Directory, GroupRecord, UserRecord } from "./directory.js";
import { ENTERPRISE_SCHEMA } from "./scim-render.js";

export type PatchVerb = "add" | "replace" | "remove";

const WORK_EMAIL = 'emails[type eq "work"].value';
const OTHER_EMAIL = 'emails[type eq "other"].value';
const MOBILE = 'phonenumbers[type eq "mobile"].value';
const MANAGER = `${ENTERPRISE_SCHEMA.toLowerCase()}:manager`;

/** Lower-cases a path and tidies the spaces in a value filter, so `emails[type EQ "work"]` matches. */
export function normalizePath(path: string): string {
  return path.trim().toLowerCase().replace(/\[\s*(\w+)\s+eq\s+/g, "[$1 eq ").replace(/\s*\]/g, "]");
}

/**
 * Sets one user attribute (`path` already normalised). The attributes the service is known to
 * use are understood; another path → 400 `invalidPath`. `userName`, `active` and the work
 * address cannot be removed.
 */
export function setUserAttribute(user: UserRecord, path: string, verb: PatchVerb, value: unknown): void {
  const remove = verb === "remove";
  switch (path) {
    case "active":
      if (remove) throw mutability("active");
      user.active = bool(value, "active");
      return;
    case "username":
      if (remove) throw mutability("userName");
      user.userName = str(value, "userName", false);
      return;
    case "externalid":
      user.externalId = remove ? undefined : str(value, "externalId", true);
      return;
    case "displayname":
      user.displayName = remove ? undefined : str(value, "displayName", true);
      return;
    case "name": {
      const name = remove ? {} : obj(value, "name");
      if (name["givenName"] !== undefined || remove) user.givenName = remove ? "" : str(name["givenName"], "name.givenName", true);
      if (name["familyName"] !== undefined || remove) user.familyName = remove ? "" : str(name["familyName"], "name.familyName", true);
      return;
    }
    case "name.givenname":
      user.givenName = remove ? "" : str(value, "name.givenName", true);
      return;
    case "name.familyname":
      user.familyName = remove ? "" : str(value, "name.familyName", true);
      return;
    case "name.formatted":
      return; // Derived from the given and family names; accepted and ignored.
    case "emails":
      if (remove) throw mutability("emails (a work address is required)");
      for (const email of arr(value, "emails")) {
        const entry = obj(email, "emails[]");
        const address = str(entry["value"], "emails[].value", false);
        if (entry["type"] === "other") user.otherEmail = address;
        else if (entry["type"] === "work" || entry["primary"] === true) user.workEmail = address;
      }
      return;
    case WORK_EMAIL:
      if (remove) throw mutability("the work e-mail address");
      user.workEmail = str(value, "emails.value", false);
      return;
    case OTHER_EMAIL:
      user.otherEmail = remove ? undefined : str(value, "emails.value", false);
      return;
    case "phonenumbers": {
      if (remove) user.mobileNumber = undefined;
      else for (const phone of arr(value, "phoneNumbers")) {
        const entry = obj(phone, "phoneNumbers[]");
        if (entry["type"] === undefined || entry["type"] === "mobile") user.mobileNumber = str(entry["value"], "phoneNumbers[].value", false);
      }
      return;
    }
    case MOBILE:
      user.mobileNumber = remove ? undefined : str(value, "phoneNumbers.value", false);
      return;
    case MANAGER:
      user.manager = remove ? undefined : typeof value === "string" ? value : str(obj(value, "manager")["value"], "manager.value", false);
      return;
    case ENTERPRISE_SCHEMA.toLowerCase(): {
      const extension = remove ? {} : obj(value, ENTERPRISE_SCHEMA);
      if (remove || extension["manager"] !== undefined) setUserAttribute(user, MANAGER, verb, extension["manager"]);
      return;
    }
    default:
      throw new HttpError(400, "invalidPath", `Attribute path not supported: ${path.slice(0, 100)}`);
  }
}

/** Sets one group attribute; member ids must be users of the directory. */
export function setGroupAttribute(group: GroupRecord, directory: Directory, path: string, verb: PatchVerb, value: unknown): void {
  const member = /^members\[value eq "([^"]*)"\]$/.exec(path);
  if (member) {
    if (verb !== "remove") throw new HttpError(400, "invalidPath", "Only remove is supported on members[value eq ...]");
    group.members = group.members.filter((id) => id !== member[1]);
    return;
  }
  switch (path) {
    case "displayname":
      if (verb === "remove") throw mutability("displayName");
      group.displayName = str(value, "displayName", false);
      return;
    case "externalid":
      group.externalId = verb === "remove" ? undefined : str(value, "externalId", true);
      return;
    case "members": {
      if (verb === "remove" && value === undefined) {
        group.members = [];
        return;
      }
      const ids = arr(value, "members").map((entry) => str(obj(entry, "members[]")["value"], "members[].value", false));
      const unknown = ids.find((id) => !directory.user(id));
      if (unknown !== undefined && verb !== "remove") throw new HttpError(400, "invalidValue", `No user with id ${unknown.slice(0, 64)}`);
      if (verb === "remove") group.members = group.members.filter((id) => !ids.includes(id));
      else group.members = verb === "add" ? [...group.members, ...ids] : ids;
      return;
    }
    case "id":
      if (verb !== "remove" && value === group.id) return; // Entra ID repeats the id in path-less replaces.
      throw mutability("id");
    default:
      throw new HttpError(400, "invalidPath", `Attribute path not supported: ${path.slice(0, 100)}`);
  }
}

function mutability(what: string): HttpError {
  return new HttpError(400, "mutability", `${what} cannot be removed`);
}

function str(value: unknown, name: string, allowEmpty: boolean): string {
  if (typeof value !== "string" || (!allowEmpty && value === "")) throw new HttpError(400, "invalidValue", `${name} must be a ${allowEmpty ? "" : "non-empty "}string`);
  return value;
}

/** A boolean, or the strings `"True"`/`"False"` in any case, as Entra ID sends them. */
function bool(value: unknown, name: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw new HttpError(400, "invalidValue", `${name} must be a boolean`);
}

function obj(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new HttpError(400, "invalidValue", `${name} must be an object`);
  return value as Record<string, unknown>;
}

function arr(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw new HttpError(400, "invalidValue", `${name} must be an array`);
  return value;
}
