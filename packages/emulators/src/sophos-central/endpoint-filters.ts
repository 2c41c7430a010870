import { badRequest } from "./errors.js";
import { booleanParam } from "./paging.js";
import type { SophosEndpoint } from "./types.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^-?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const SEARCH_FIELDS: Record<string, (e: SophosEndpoint) => string[]> = {
  hostname: (e) => [e.hostname],
  groupName: (e) => [e.group.name],
  associatedPersonName: (e) => [e.associatedPerson.name],
  ipAddresses: (e) => [...e.ipv4Addresses, ...e.ipv6Addresses],
  osName: (e) => [e.os.name],
};

/** Builds the predicate of the list's filters; a malformed filter → 400. */
export function endpointFilter(query: Map<string, string>, now: number): (endpoint: SophosEndpoint) => boolean {
  const tests: Array<(e: SophosEndpoint) => boolean> = [];
  const add = (test: (e: SophosEndpoint) => boolean) => tests.push(test);

  const health = list(query, "healthStatus", ["bad", "good", "suspicious", "unknown"]);
  if (health) add((e) => health.includes(e.health.overall));
  const types = list(query, "type", ["computer", "server", "securityVm"]);
  if (types) add((e) => types.includes(e.type));
  if (query.has("tamperProtectionEnabled")) {
    const wanted = booleanParam(query, "tamperProtectionEnabled");
    add((e) => e.tamperProtectionEnabled === wanted);
  }
  if (query.has("tamperProtectionSupported")) {
    const wanted = booleanParam(query, "tamperProtectionSupported");
    add((e) => e.tamperProtectionSupported === wanted);
  }
  if (query.has("online")) {
    const wanted = booleanParam(query, "online");
    add((e) => e.online === wanted);
  }
  const lockdown = list(query, "lockdownStatus");
  if (lockdown) add((e) => lockdown.includes(e.lockdown.status));
  const encryption = list(query, "overallEncryptionStatus");
  if (encryption) add((e) => encryption.includes(e.encryption.overallStatus));
  // Before is exclusive and after inclusive: the spec marks both bounds (and the duration syntax) unverified.
  const TIMES: Array<[prefix: string, read: (e: SophosEndpoint) => string]> = [
    ["lastSeen", (e) => e.lastSeenAt],
    ["lastOsUpdate", (e) => e.lastOsUpdateAt],
    ["lastAgentUpdate", (e) => e.lastAgentUpdateAt],
  ];
  for (const [prefix, read] of TIMES) {
    const before = instant(query, `${prefix}Before`, now);
    if (before !== undefined) add((e) => Date.parse(read(e)) < before);
    const after = instant(query, `${prefix}After`, now);
    if (after !== undefined) add((e) => Date.parse(read(e)) >= after);
  }
  const ids = list(query, "ids");
  if (ids) {
    if (!ids.every((id) => UUID.test(id))) throw badRequest("ids must be a comma-separated list of UUIDs");
    add((e) => ids.some((id) => id.toLowerCase() === e.id));
  }
  const isolation = list(query, "isolationStatus", ["isolated", "notIsolated"]);
  if (isolation) add((e) => isolation.includes(e.isolation.status));
  contains(query, "hostnameContains", (e) => e.hostname, add);
  contains(query, "associatedPersonContains", (e) => e.associatedPerson.name, add);
  contains(query, "serialNumberContains", (e) => e.serialNumber, add);
  const ips = list(query, "ipAddresses");
  if (ips) add((e) => [...e.ipv4Addresses, ...e.ipv6Addresses].some((ip) => ips.includes(ip)));
  const macs = list(query, "macAddresses")?.map(normalizeMac);
  if (macs) add((e) => e.macAddresses.some((mac) => macs.includes(normalizeMac(mac))));
  const cloud = query.get("cloud");
  if (cloud !== undefined) {
    // `<provider>:<instanceId>` is our reading of the unverified format (see the spec).
    if (!/^[A-Za-z]+:.+$/.test(cloud)) throw badRequest("cloud must look like <provider>:<instanceId>, e.g. aws:i-0123456789abcdef0");
    const wanted = cloud.toLowerCase();
    add((e) => e.cloud !== undefined && `${e.cloud.provider}:${e.cloud.instanceId}`.toLowerCase() === wanted);
  }

  const searchFields = list(query, "searchFields", Object.keys(SEARCH_FIELDS));
  const term = query.get("search")?.toLowerCase();
  if (searchFields && term === undefined) throw badRequest("searchFields needs search");
  if (term !== undefined) {
    const fields = (searchFields ?? Object.keys(SEARCH_FIELDS)).map((name) => SEARCH_FIELDS[name]!);
    add((e) => fields.some((read) => read(e).some((value) => value.toLowerCase().includes(term))));
  }
  return (endpoint) => tests.every((test) => test(endpoint));
}

/** A comma-separated list; with `allowed`, every item must be one of them. */
function list(query: Map<string, string>, name: string, allowed?: readonly string[]): string[] | undefined {
  const raw = query.get(name);
  if (raw === undefined) return undefined;
  const items = raw.split(",");
  if (items.some((item) => item === "") || (allowed && items.some((item) => !allowed.includes(item)))) {
    throw badRequest(`${name} must be a comma-separated list${allowed ? ` of ${allowed.join(", ")}` : ""}`);
  }
  return items;
}

/**
 * Only the first 10 characters of a `...Contains` value are matched. Our assumption: the spec
 * marks this unverified (for `hostnameContains`; applied to every `...Contains` filter here).
 */
function contains(query: Map<string, string>, name: string, read: (e: SophosEndpoint) => string, add: (test: (e: SophosEndpoint) => boolean) => void): void {
  const raw = query.get(name);
  if (raw === undefined) return;
  const needle = raw.slice(0, 10).toLowerCase();
  add((e) => read(e).toLowerCase().includes(needle));
}

/** An ISO 8601 date-time with zone, or a duration back from now (`-P30D`, `PT12H`). */
function instant(query: Map<string, string>, name: string, now: number): number | undefined {
  const raw = query.get(name);
  if (raw === undefined) return undefined;
  if (DATE_TIME.test(raw)) return Date.parse(raw);
  const duration = DURATION.exec(raw);
  if (duration && raw.replace(/^-/, "") !== "P" && !raw.endsWith("T")) {
    const [, days = "0", hours = "0", minutes = "0", seconds = "0"] = duration;
    return now - (((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  }
  throw badRequest(`${name} must be an ISO 8601 date-time in UTC or a duration such as -P30D`);
}

function normalizeMac(mac: string): string {
  return mac.replace(/[:.-]/g, "").toLowerCase();
}
