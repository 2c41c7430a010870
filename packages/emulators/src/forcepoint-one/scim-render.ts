import { HttpError } from "../shared/http-helpers.js";
import { SCIM_BASE } from "./context.js";
import type { Directory, GroupRecord, UserRecord } from "./directory.js";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

type Json = Record<string, unknown>;

/** A user as SCIM returns it; `origin` is the host root for `meta.location` and `$ref`. */
export function renderUser(user: UserRecord, directory: Directory, origin: string): Json {
  const emails: Json[] = [{ value: user.workEmail, type: "work", primary: true }];
  if (user.otherEmail) emails.push({ value: user.otherEmail, type: "other", primary: false });
  const formatted = [user.givenName, user.familyName].filter(Boolean).join(" ");
  return {
    schemas: user.manager ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: user.id,
    ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
    userName: user.userName,
    name: { givenName: user.givenName, familyName: user.familyName, ...(formatted ? { formatted } : {}) },
    ...(user.displayName !== undefined ? { displayName: user.displayName } : {}),
    active: user.active,
    emails,
    ...(user.mobileNumber ? { phoneNumbers: [{ value: user.mobileNumber, type: "mobile" }] } : {}),
    groups: directory.groupsOf(user.id).map((group) => ({
      value: group.id,
      display: group.displayName,
      $ref: `${origin}${SCIM_BASE}/Groups/${group.id}`,
    })),
    ...(user.manager ? { [ENTERPRISE_SCHEMA]: { manager: { value: user.manager } } } : {}),
    meta: meta("User", user, `${origin}${SCIM_BASE}/Users/${user.id}`),
  };
}

/** A group as SCIM returns it. */
export function renderGroup(group: GroupRecord, directory: Directory, origin: string): Json {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId !== undefined ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map((id) => ({
      value: id,
      ...(directory.user(id) ? { display: directory.user(id)!.userName } : {}),
      $ref: `${origin}${SCIM_BASE}/Users/${id}`,
    })),
    meta: meta("Group", group, `${origin}${SCIM_BASE}/Groups/${group.id}`),
  };
}

function meta(resourceType: string, record: { created: string; lastModified: string }, location: string): Json {
  return { resourceType, created: record.created, lastModified: record.lastModified, location, version: `W/"${Date.parse(record.lastModified)}"` };
}

/**
 * Applies `attributes` / `excludedAttributes` (comma-separated top-level names, matched
 * case-insensitively); `id`, `schemas` and `meta` are always kept (RFC 7643 "returned: always").
 */
export function project(resource: Json, url: URL): Json {
  const wanted = names(url, "attributes");
  const excluded = names(url, "excludedAttributes");
  if (wanted && excluded) throw new HttpError(400, "invalidSyntax", "Use attributes or excludedAttributes, not both");
  if (!wanted && !excluded) return resource;
  const keep = (key: string) =>
    ["id", "schemas", "meta"].includes(key) || (wanted ? wanted.has(key.toLowerCase()) : !excluded!.has(key.toLowerCase()));
  return Object.fromEntries(Object.entries(resource).filter(([key]) => keep(key)));
}

function names(url: URL, param: string): Set<string> | undefined {
  const raw = url.searchParams.get(param);
  if (raw === null) return undefined;
  const list = raw.split(",").map((name) => name.trim().toLowerCase());
  if (list.some((name) => !/^[a-z][a-z0-9:.$_-]*$/.test(name))) throw new HttpError(400, "invalidValue", `Malformed ${param}`);
  return new Set(list);
}

/** The request's host root, for `meta.location`. */
export function originOf(headers: { host?: string | undefined }, secure: boolean): string {
  return `${secure ? "https" : "http"}://${headers.host ?? "127.0.0.1"}`;
}
