import { HttpError } from "../shared/http-helpers.js";
import type { Directory, GroupRecord, UserRecord } from "./directory.js";
import { normalizePath, setGroupAttribute, setUserAttribute } from "./scim-attributes.js";
import type { PatchVerb } from "./scim-attributes.js";
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "./scim-render.js";

const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** One validated PatchOp operation. */
interface Operation {
  readonly verb: PatchVerb;
  readonly path: string | undefined;
  readonly value: unknown;
}

/** User attributes read on create; others (`password`, `locale`, `meta`, `groups`, …) are ignored. */
const USER_CREATE_KEYS = ["userName", "externalId", "displayName", "name", "active", "emails", "phoneNumbers", ENTERPRISE_SCHEMA];

/** Reads a SCIM `PatchOp` body; malformed → 400 `invalidSyntax`, `remove` without `path` → 400 `noTarget`. */
export function parsePatch(body: Record<string, unknown>): Operation[] {
  requireSchema(body, PATCH_SCHEMA);
  const operations = body["Operations"];
  if (!Array.isArray(operations) || operations.length === 0) throw syntax("Operations must be a non-empty array");
  return operations.map((raw, i) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw syntax(`Operations[${i}] must be an object`);
    const { op, path, value } = raw as Record<string, unknown>;
    const verb = typeof op === "string" ? op.toLowerCase() : "";
    if (verb !== "add" && verb !== "replace" && verb !== "remove") throw syntax(`Operations[${i}].op must be add, replace or remove`);
    if (path !== undefined && (typeof path !== "string" || path.trim() === "")) throw syntax(`Operations[${i}].path must be a string`);
    if (verb === "remove" && path === undefined) throw new HttpError(400, "noTarget", `Operations[${i}]: remove needs a path`);
    if (verb !== "remove" && value === undefined) throw syntax(`Operations[${i}] needs a value`);
    if (path === undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
      throw syntax(`Operations[${i}]: without a path, value must be an object of attributes`);
    }
    return { verb, path: path === undefined ? undefined : normalizePath(path), value };
  });
}

/** Applies operations to a copy of `user` (all or nothing) and checks the result. */
export function patchUser(user: UserRecord, operations: readonly Operation[], directory: Directory): UserRecord {
  const next = structuredClone(user);
  for (const { verb, path, value } of operations) {
    if (path !== undefined) setUserAttribute(next, path, verb, value);
    else for (const [key, item] of Object.entries(value as object)) setUserAttribute(next, normalizePath(key), verb, item);
  }
  checkWorkEmail(next, directory);
  return next;
}

/** Applies operations to a copy of `group` (all or nothing). */
export function patchGroup(group: GroupRecord, operations: readonly Operation[], directory: Directory): GroupRecord {
  const next = structuredClone(group);
  for (const { verb, path, value } of operations) {
    if (path !== undefined) setGroupAttribute(next, directory, path, verb, value);
    else for (const [key, item] of Object.entries(value as object)) {
      if (key !== "schemas") setGroupAttribute(next, directory, normalizePath(key), verb, item);
    }
  }
  return next;
}

/** Builds a new user from a create body: `userName` and a work address in a company domain are required. */
export function userFromCreate(body: Record<string, unknown>, directory: Directory): Partial<UserRecord> & Pick<UserRecord, "userName" | "source"> {
  requireSchema(body, USER_SCHEMA);
  if (typeof body["userName"] !== "string" || body["userName"] === "") throw new HttpError(400, "invalidValue", "userName is required");
  const draft = { userName: body["userName"], workEmail: "", givenName: "", familyName: "", active: true } as UserRecord;
  for (const key of USER_CREATE_KEYS) {
    if (body[key] !== undefined) setUserAttribute(draft, normalizePath(key), "replace", body[key]);
  }
  if (draft.workEmail === "") throw new HttpError(400, "invalidValue", 'A work e-mail address (emails[type eq "work"] or the primary one) is required');
  checkWorkEmail(draft, directory);
  return { ...draft, source: "SCIM" };
}

/** Reads a group create body: `displayName` required, `members` by user id. */
export function groupFromCreate(body: Record<string, unknown>, directory: Directory): { displayName: string; externalId?: string; members: string[] } {
  requireSchema(body, GROUP_SCHEMA);
  const draft = { id: "", displayName: "", externalId: undefined, members: [], created: "", lastModified: "" } as GroupRecord;
  for (const key of ["displayName", "externalId", "members"]) {
    if (body[key] !== undefined) setGroupAttribute(draft, directory, normalizePath(key), "replace", body[key]);
  }
  if (draft.displayName === "") throw new HttpError(400, "invalidValue", "displayName is required");
  return { displayName: draft.displayName, ...(draft.externalId !== undefined ? { externalId: draft.externalId } : {}), members: draft.members };
}

function checkWorkEmail(user: UserRecord, directory: Directory): void {
  if (!directory.inCompanyDomain(user.workEmail)) throw new HttpError(400, "invalidValue", "Company email needs to be in your company's domain");
}

function requireSchema(body: Record<string, unknown>, schema: string): void {
  const schemas = body["schemas"];
  if (!Array.isArray(schemas) || !schemas.includes(schema)) throw syntax(`schemas must contain ${schema}`);
}

function syntax(detail: string): HttpError {
  return new HttpError(400, "invalidSyntax", detail);
}
