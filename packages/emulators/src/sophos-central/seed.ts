import type { SeededRandom } from "../shared/seeded-random.js";
import type { SophosAlert, SophosEndpoint, SophosSiemAlert, SophosSiemEvent } from "./types.js";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const PEOPLE = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"] as const;
const GROUPS = ["Workstations", "Servers", "Laptops", "Finance"] as const;
const OPERATING_SYSTEMS = [
  { platform: "windows", name: "Windows 11 Enterprise", isServer: false, majorVersion: 10, minorVersion: 0, build: 22631 },
  { platform: "windows", name: "Windows Server 2022 Standard", isServer: true, majorVersion: 10, minorVersion: 0, build: 20348 },
  { platform: "macOS", name: "macOS Sonoma", isServer: false, majorVersion: 14, minorVersion: 4, build: 0 },
  { platform: "linux", name: "Ubuntu 22.04.4 LTS", isServer: true, majorVersion: 22, minorVersion: 4, build: 0 },
] as const;
const HEALTH = ["good", "good", "good", "suspicious", "bad", "unknown"] as const;

/** Alert kinds: type, category, product, severity, allowed actions, description. */
const ALERT_KINDS = [
  ["Event::Endpoint::OutOfDate", "updating", "endpoint", "medium", ["acknowledge"], "is out of date."],
  ["Event::Endpoint::PUADetected", "pua", "endpoint", "medium", ["acknowledge", "cleanPua", "authPua"], "has a PUA: Generic reputation PUA."],
  ["Event::Endpoint::Threat::Detected", "malware", "endpoint", "high", ["acknowledge", "cleanVirus"], "detected malware 'EICAR-AV-Test'."],
  ["Event::Endpoint::ServiceNotRunning", "systemHealth", "server", "low", ["acknowledge"], "has a Sophos service that stopped."],
] as const;

/** SIEM event kinds: type, group, severity, name template. */
const EVENT_KINDS = [
  ["Event::Endpoint::UpdateSuccess", "UPDATING", "low", "Update succeeded"],
  ["Event::Endpoint::Threat::Detected", "MALWARE", "high", "Malware detected: 'EICAR-AV-Test'"],
  ["Event::Endpoint::WebControlViolation", "WEB", "low", "Web control violation"],
  ["Event::Endpoint::Registered", "PROTECTION", "low", "New computer registered"],
  ["Event::Endpoint::Threat::Cleaned", "MALWARE", "medium", "Malware cleaned up: 'EICAR-AV-Test'"],
] as const;

/** A random (version 4 shaped) UUID from the seeded generator. */
export function seededUuid(random: SeededRandom): string {
  const hex = random.hex(32);
  const variant = "89ab"[random.int(0, 3)]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function seedEndpoints(random: SeededRandom, count: number, tenantId: string, now: number): SophosEndpoint[] {
  return Array.from({ length: count }, (_, i): SophosEndpoint => {
    const os = random.pick(OPERATING_SYSTEMS);
    const person = random.pick(PEOPLE);
    const group = random.pick(GROUPS);
    const supported = os.platform === "windows" || os.platform === "macOS";
    const encrypted = os.isServer ? "notEncrypted" : random.pick(["encrypted", "notEncrypted"] as const);
    const mac = Array.from({ length: 6 }, () => random.hex(2)).join(":");
    const endpoint: SophosEndpoint = {
      id: seededUuid(random),
      type: os.isServer ? "server" : "computer",
      tenant: { id: tenantId },
      hostname: `${os.isServer ? "SRV" : "PC"}-${String(i + 1).padStart(3, "0")}`,
      health: {
        overall: random.pick(HEALTH),
        threats: { status: random.chance(0.8) ? "good" : "bad" },
        services: { status: "good", serviceDetails: [{ name: "Sophos Endpoint Defense Service", status: "running" }] },
      },
      os: { ...os },
      ipv4Addresses: [`10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`],
      ipv6Addresses: [`fe80::${random.hex(4)}:${random.hex(4)}`],
      macAddresses: [mac],
      group: { id: seededUuid(random), name: group },
      associatedPerson: { id: seededUuid(random), name: person, viaLogin: `EXAMPLE\\${person}` },
      tamperProtectionSupported: supported,
      tamperProtectionEnabled: supported && random.chance(0.7),
      assignedProducts: [
        { code: "coreAgent", version: "2024.2.1.1", status: "installed" },
        { code: "ztna", version: "2024.2.1.1", status: "installed" },
        { code: "xdr", version: "2024.2.1.1", status: random.chance(0.5) ? "installed" : "notInstalled" },
      ],
      lastSeenAt: new Date(now - random.int(60_000, 30 * DAY_MS)).toISOString(),
      lastOsUpdateAt: new Date(now - random.int(DAY_MS, 60 * DAY_MS)).toISOString(),
      lastAgentUpdateAt: new Date(now - random.int(HOUR_MS, 14 * DAY_MS)).toISOString(),
      serialNumber: random.hex(12).toUpperCase(),
      encryption: { volumes: [{ volumeId: seededUuid(random), status: encrypted }], overallStatus: encrypted },
      lockdown: { status: "notInstalled", updateStatus: "notInstalled" },
      online: random.chance(0.6),
      isolation: { status: "notIsolated", adminIsolated: false, selfIsolated: false },
      cloned: false,
    };
    // The Linux servers run in AWS, so the `cloud` filter has something to find (no random draw,
    // so the rest of the seed stays as it was).
    if (os.platform === "linux") endpoint.cloud = { provider: "aws", instanceId: `i-${endpoint.id.replace(/-/g, "").slice(0, 17)}` };
    return endpoint;
  });
}

export function seedAlerts(
  random: SeededRandom,
  count: number,
  tenant: { id: string; name: string },
  endpoints: readonly SophosEndpoint[],
  now: number,
): SophosAlert[] {
  const alerts = Array.from({ length: count }, (): SophosAlert => {
    const [type, category, product, severity, actions, text] = random.pick(ALERT_KINDS);
    const endpoint = endpoints.length ? random.pick(endpoints) : undefined;
    const host = endpoint?.hostname ?? "PC-000";
    return {
      id: seededUuid(random),
      allowedActions: [...actions],
      category,
      description: `${host} ${text}`,
      groupKey: Buffer.from(`1,${type},${random.int(100, 999)},`).toString("base64"),
      managedAgent: { id: endpoint?.id ?? seededUuid(random), type: endpoint?.type ?? "computer", name: host },
      person: { id: endpoint?.associatedPerson.id ?? seededUuid(random), name: endpoint?.associatedPerson.name ?? "alice" },
      product,
      raisedAt: new Date(now - random.int(60_000, 7 * DAY_MS)).toISOString(),
      severity,
      tenant: { ...tenant },
      type,
    };
  });
  return alerts.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
}

/** One SIEM event per creation time in `times`. */
export function seedSiemEvents(
  random: SeededRandom,
  tenantId: string,
  endpoints: readonly SophosEndpoint[],
  times: readonly number[],
): SophosSiemEvent[] {
  return times.map((created): SophosSiemEvent => {
    const [type, group, severity, name] = random.pick(EVENT_KINDS);
    const endpoint = endpoints.length ? random.pick(endpoints) : undefined;
    const host = endpoint?.hostname ?? "PC-000";
    const event: SophosSiemEvent = {
      id: seededUuid(random),
      type,
      name: `${name} on ${host}`,
      severity,
      group,
      when: new Date(created - random.int(50, 900)).toISOString(),
      created_at: new Date(created).toISOString(),
      customer_id: tenantId,
      endpoint_id: endpoint?.id ?? seededUuid(random),
      endpoint_type: endpoint?.type ?? "computer",
      location: host,
      source: endpoint ? endpoint.associatedPerson.viaLogin : "n/a",
      source_info: { ip: endpoint?.ipv4Addresses[0] ?? "10.0.0.1" },
      origin: null,
    };
    if (endpoint) event.user_id = endpoint.associatedPerson.id;
    if (group === "MALWARE") event.threat = "EICAR-AV-Test";
    return event;
  });
}

/** One SIEM alert per creation time in `times`. */
export function seedSiemAlerts(
  random: SeededRandom,
  tenantId: string,
  endpoints: readonly SophosEndpoint[],
  times: readonly number[],
): SophosSiemAlert[] {
  return times.map((created): SophosSiemAlert => {
    const [type, , , severity, , text] = random.pick(ALERT_KINDS);
    const endpoint = endpoints.length ? random.pick(endpoints) : undefined;
    const host = endpoint?.hostname ?? "PC-000";
    return {
      id: seededUuid(random),
      type,
      description: `${host} ${text}`,
      severity,
      when: new Date(created - random.int(50, 900)).toISOString(),
      created_at: new Date(created).toISOString(),
      customer_id: tenantId,
      location: host,
      source: endpoint ? endpoint.associatedPerson.viaLogin : "n/a",
      threat: type.includes("Threat") ? "EICAR-AV-Test" : "",
      threat_cleanable: type.includes("Threat"),
      event_service_event_id: seededUuid(random),
      data: { endpoint_id: endpoint?.id ?? null, endpoint_platform: endpoint?.os.platform ?? "windows" },
    };
  });
}

/**
 * `count` strictly increasing creation times spread over `[from, to)`. Distinct times keep a
 * time-based cursor exact: resuming after the last item never skips or repeats one.
 */
export function spreadTimes(random: SeededRandom, count: number, from: number, to: number): number[] {
  const times = Array.from({ length: count }, () => random.int(from, Math.max(from, to - 1))).sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) if (times[i]! <= times[i - 1]!) times[i] = times[i - 1]! + 1;
  return times;
}
