import type { SeededRandom } from "../shared/seeded-random.js";
import type { PaloAltoApp, PaloAltoIncident, PaloAltoLogEvent } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const APP_KINDS = [
  ["box", "Box"],
  ["office365", "Office 365"],
  ["google_drive", "Google Drive"],
  ["slack", "Slack"],
  ["dropbox", "Dropbox"],
  ["github", "GitHub"],
  ["salesforce", "Salesforce"],
  ["confluence", "Confluence"],
] as const;
/** Severity words by filter number (index 1..5). */
export const SEVERITY_WORDS = ["", "Informational", "Low", "Medium", "High", "Critical"] as const;
export const OPEN_CATEGORIES = ["new", "assigned", "in_progress", "pending"] as const;
export const CLOSED_CATEGORIES = ["no_reason", "business_justified", "misidentified", "in_the_cloud", "dismiss"] as const;
const EXPOSURES = [["public", 1], ["external", 2], ["company", 4], ["internal", 8]] as const;
const POLICIES = ["PCI Policy", "PII Policy", "Source Code", "Credentials in Files", "HIPAA"] as const;
const PEOPLE = ["ada", "grace", "linus", "margaret", "ken", "barbara", "dennis", "frances"] as const;
const WORDS = ["quarterly-report", "payroll", "customers", "roadmap", "keys", "contract", "backup", "notes"] as const;
const EXTENSIONS = [".xlsx", ".docx", ".pdf", ".csv", ".txt", ".java", ".pem"] as const;
const EMAIL_DOMAIN = "example.com";

/** `Closed-Business Justified` from `closed` and `business_justified`. */
export function statusOf(state: string, category: string): string {
  const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return `${title(state)}-${category.split("_").map(title).join(" ")}`;
}

export function seedApps(random: SeededRandom, count: number): PaloAltoApp[] {
  const perKind = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const [type, name] = APP_KINDS[i % APP_KINDS.length]!;
    const n = (perKind.get(type) ?? 0) + 1;
    perKind.set(type, n);
    return { app_id: random.hex(32), app_name: `${name} ${n}`, app_type: type };
  });
}

/** Seeds `count` incidents dated in the 30 days before `seedTime`, with distinct `updated_at`. */
export function seedIncidents(
  random: SeededRandom,
  count: number,
  apps: readonly PaloAltoApp[],
  tenant: string,
  seedTime: number,
): PaloAltoIncident[] {
  const incidents: PaloAltoIncident[] = [];
  const usedUpdates = new Set<number>();
  for (let i = 0; i < count; i++) {
    const app = random.pick(apps);
    const created = seedTime - random.int(DAY_MS, 30 * DAY_MS);
    let updated = created + random.int(0, seedTime - created - 1);
    while (usedUpdates.has(updated)) updated += 1;
    usedUpdates.add(updated);
    const closed = random.chance(0.3);
    const category = closed ? random.pick(CLOSED_CATEGORIES) : random.pick(OPEN_CATEGORIES);
    const owner = random.pick(PEOPLE);
    const [exposure, exposureType] = random.pick(EXPOSURES);
    const policyIndex = random.int(0, POLICIES.length - 1);
    const assetId = random.hex(24);
    const isFile = app.app_type !== "salesforce" && app.app_type !== "slack";
    const incident: PaloAltoIncident = {
      incident_id: 71001 + i,
      tenant,
      app_id: app.app_id,
      app_name: app.app_name,
      app_type: app.app_type,
      cloud_id: String(random.int(100_000_000_000, 999_999_999_999)),
      asset_id: assetId,
      asset_name: `${random.pick(WORDS)}-${i + 1}${isFile ? random.pick(EXTENSIONS) : ""}`,
      asset_sha256: isFile ? random.hex(64) : null,
      asset_page_uri: `https://saas-security.example.invalid/assets/${assetId}`,
      asset_cloud_uri: `https://${app.app_type}.example.invalid/items/${assetId}`,
      asset_owner_id: random.hex(12),
      asset_owner_name: owner,
      asset_owner_email: `${owner}@${EMAIL_DOMAIN}`,
      exposure_type: exposureType,
      exposure_level: exposure,
      policy_id: `policy-${policyIndex + 1}`,
      policy_name: POLICIES[policyIndex]!,
      policy_version: random.int(1, 3),
      policy_page_uri: `https://saas-security.example.invalid/policies/policy-${policyIndex + 1}`,
      severity: SEVERITY_WORDS[random.int(1, 5)]!,
      state: closed ? "closed" : "open",
      status: statusOf(closed ? "closed" : "open", category),
      category,
      assigned_to: category === "new" ? null : `${random.pick(PEOPLE)}@${EMAIL_DOMAIN}`,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(updated).toISOString(),
      group_ids: [],
      collaborators: [],
      data_patterns: [],
    };
    if (closed) {
      incident.resolved_by = `${random.pick(PEOPLE)}@${EMAIL_DOMAIN}`;
      incident.resolution_date = incident.updated_at;
    }
    incidents.push(incident);
  }
  return incidents;
}

/** Generates `count` log events, one second apart, starting at `startTime`. */
export function seedLogEvents(
  random: SeededRandom,
  count: number,
  incidents: readonly PaloAltoIncident[],
  apps: readonly PaloAltoApp[],
  startTime: number,
): PaloAltoLogEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const timestamp = new Date(startTime + i * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const incident = incidents.length ? random.pick(incidents) : undefined;
    const app = random.pick(apps);
    const person = random.pick(PEOPLE);
    const email = `${person}@${EMAIL_DOMAIN}`;
    const item = {
      item_type: "File",
      item_name: incident?.asset_name ?? `${random.pick(WORDS)}${random.pick(EXTENSIONS)}`,
      asset_id: incident?.asset_id ?? random.hex(24),
      cloud_app_instance: incident?.app_name ?? app.app_name,
      serial: null,
    };
    switch (random.int(0, 4)) {
      case 0:
        return { log_type: "policy_violation", severity: random.int(0, 5), ...item, item_owner: person, item_creator: person,
          item_owner_email: email, item_creator_email: email, action_taken: "download", action_taken_by: email,
          policy_rule_name: incident?.policy_name ?? "PII Policy", incident_id: String(incident?.incident_id ?? 0), timestamp };
      case 1:
        return { log_type: "activity_monitoring", severity: 1, item_type: "file", item_name: item.item_name,
          item_unique_id: random.hex(16), user: email, source_ip: `192.0.2.${random.int(1, 254)}`, location: "US",
          action: random.pick(["preview", "download", "delete", "share"]), target_name: null, target_type: null,
          serial: null, cloud_app_instance: item.cloud_app_instance, timestamp };
      case 2:
        return { log_type: "remediation", ...item, item_owner: person, container_name: "Shared", item_creator: person,
          action_taken: random.pick(["quarantine", "remove_public_sharing"]), action_taken_by: "api",
          item_owner_email: email, item_creator_email: email, incident_id: String(incident?.incident_id ?? 0),
          policy_rule_name: incident?.policy_name ?? null, timestamp };
      case 3:
        return { log_type: "incident", severity: random.int(1, 5), ...item, item_owner: person, container_name: "Shared",
          item_creator: person, exposure: incident?.exposure_level ?? "internal", occurrences_by_rule: random.int(1, 9),
          item_owner_email: email, item_creator_email: email, incident_id: String(incident?.incident_id ?? 0),
          policy_rule_name: incident?.policy_name ?? "PII Policy", incident_category: incident?.category ?? null,
          incident_owner: incident?.assigned_to ?? null, timestamp };
      default:
        return { log_type: "admin_audit", admin_id: email, admin_role: "Super Admin", ip: `198.51.100.${random.int(1, 254)}`,
          event_type: "policy", item_type: "Policy", item_name: random.pick(POLICIES), field: "status",
          action: "update", resource_value_old: "disabled", resource_value_new: "enabled", serial: null, timestamp };
    }
  });
}
