import { randomBytes } from "node:crypto";
import type { SeededRandom } from "../shared/seeded-random.js";
import { seedAlerts, seedEndpoints, seedSiemAlerts, seedSiemEvents, spreadTimes } from "./seed.js";
import type {
  SophosAlert,
  SophosEndpoint,
  SophosIsolationActor,
  SophosIsolationSettings,
  SophosSiemAlert,
  SophosSiemEvent,
  SophosTamperProtection,
} from "./types.js";

const HOUR_MS = 60 * 60 * 1000;

/** How many items of each kind to seed for one tenant. */
export interface TenantDataSizes {
  endpoints: number;
  alerts: number;
  siemEvents: number;
  siemAlerts: number;
}

/** The data one tenant keeps on its data-region host: endpoints, alerts, SIEM feeds. */
export class SophosTenantData {
  /** Endpoints in creation order; `seq`, the key paging tie-breaker, stays put when one is deleted. */
  endpoints: SophosEndpoint[];
  readonly #endpointById = new Map<string, SophosEndpoint>();
  readonly #endpointSeq = new Map<string, number>();
  alerts: SophosAlert[];
  readonly #alertSeq = new Map<string, number>();
  readonly siemEvents: SophosSiemEvent[];
  readonly siemAlerts: SophosSiemAlert[];
  readonly #isolation = new Map<string, SophosIsolationSettings & { pendingUntil: number }>();
  readonly #tamper = new Map<string, SophosTamperProtection>();
  readonly #random: SeededRandom;
  readonly #tenantId: string;

  constructor(random: SeededRandom, tenant: { id: string; name: string }, sizes: TenantDataSizes, now: number) {
    this.#random = random;
    this.#tenantId = tenant.id;
    this.endpoints = seedEndpoints(random, sizes.endpoints, tenant.id, now);
    this.endpoints.forEach((endpoint, seq) => {
      this.#endpointById.set(endpoint.id, endpoint);
      this.#endpointSeq.set(endpoint.id, seq);
    });
    this.alerts = seedAlerts(random, sizes.alerts, tenant, this.endpoints, now);
    this.alerts.forEach((alert, seq) => this.#alertSeq.set(alert.id, seq));
    // Seeded SIEM items stay inside the 24-hour window the API serves, with an hour to spare.
    const from = now - 23 * HOUR_MS;
    this.siemEvents = seedSiemEvents(random, tenant.id, this.endpoints, spreadTimes(random, sizes.siemEvents, from, now - 1000));
    this.siemAlerts = seedSiemAlerts(random, tenant.id, this.endpoints, spreadTimes(random, sizes.siemAlerts, from, now - 1000));
  }

  endpoint(id: string): SophosEndpoint | undefined {
    return this.#endpointById.get(id);
  }

  /** Deletes the endpoints with these ids; returns the ids it had. */
  removeEndpoints(ids: readonly string[]): string[] {
    const removed = ids.filter((id) => this.#endpointById.delete(id));
    if (removed.length > 0) this.endpoints = this.endpoints.filter((endpoint) => this.#endpointById.has(endpoint.id));
    return removed;
  }

  endpointSeq(endpoint: SophosEndpoint): number {
    return this.#endpointSeq.get(endpoint.id) ?? 0;
  }

  alert(id: string): SophosAlert | undefined {
    return this.alerts.find((alert) => alert.id === id);
  }

  alertSeq(alert: SophosAlert): number {
    return this.#alertSeq.get(alert.id) ?? 0;
  }

  /** Removes an alert (an acknowledged alert leaves the list). */
  removeAlert(id: string): void {
    this.alerts = this.alerts.filter((alert) => alert.id !== id);
  }

  isolation(endpoint: SophosEndpoint): SophosIsolationSettings & { pendingUntil: number } {
    let settings = this.#isolation.get(endpoint.id);
    if (!settings) {
      settings = { enabled: endpoint.isolation.status === "isolated", pendingUntil: 0 };
      this.#isolation.set(endpoint.id, settings);
    }
    return settings;
  }

  /**
   * Turns isolation on or off. Returns `"conflict"` while an earlier change of this endpoint is
   * still pending (`pendingMs` after it), as the service answers 409 then.
   */
  setIsolation(endpoint: SophosEndpoint, enabled: boolean, comment: string | undefined, actor: SophosIsolationActor, pendingMs: number): SophosIsolationSettings | "conflict" {
    const settings = this.isolation(endpoint);
    const now = Date.now();
    if (now < settings.pendingUntil) return "conflict";
    const at = new Date(now).toISOString();
    if (enabled) Object.assign(settings, { lastEnabledAt: at, lastEnabledBy: actor });
    else Object.assign(settings, { lastDisabledAt: at, lastDisabledBy: actor });
    settings.enabled = enabled;
    settings.pendingUntil = pendingMs > 0 ? now + pendingMs : 0;
    if (comment !== undefined) settings.comment = comment;
    endpoint.isolation = { status: enabled ? "isolated" : "notIsolated", adminIsolated: enabled, selfIsolated: false };
    return publicIsolation(settings);
  }

  tamper(endpoint: SophosEndpoint): SophosTamperProtection {
    let settings = this.#tamper.get(endpoint.id);
    if (!settings) {
      settings = { enabled: endpoint.tamperProtectionEnabled, password: this.#random.hex(16), previousPasswords: [] };
      this.#tamper.set(endpoint.id, settings);
    }
    return settings;
  }

  updateTamper(endpoint: SophosEndpoint, enabled: boolean | undefined, regenerate: boolean): SophosTamperProtection {
    const settings = this.tamper(endpoint);
    if (regenerate) {
      settings.previousPasswords.unshift({ password: settings.password, invalidatedAt: new Date().toISOString() });
      settings.password = randomBytes(8).toString("hex");
    }
    if (enabled !== undefined) {
      settings.enabled = enabled;
      endpoint.tamperProtectionEnabled = enabled;
    }
    return settings;
  }

  /** Appends `count` new SIEM events created now (each strictly after the previous one). */
  appendSiemEvents(count: number): void {
    this.siemEvents.push(...seedSiemEvents(this.#random, this.#tenantId, this.endpoints, nextTimes(this.siemEvents, count)));
  }

  /** Appends `count` new SIEM alerts created now. */
  appendSiemAlerts(count: number): void {
    this.siemAlerts.push(...seedSiemAlerts(this.#random, this.#tenantId, this.endpoints, nextTimes(this.siemAlerts, count)));
  }
}

/** The settings without the emulator's bookkeeping. */
export function publicIsolation(settings: SophosIsolationSettings & { pendingUntil?: number }): SophosIsolationSettings {
  const { pendingUntil: _pending, ...rest } = settings;
  return structuredClone(rest);
}

function nextTimes(items: ReadonlyArray<{ created_at: string }>, count: number): number[] {
  let last = items.length ? Date.parse(items.at(-1)!.created_at) : 0;
  return Array.from({ length: count }, () => (last = Math.max(Date.now(), last + 1)));
}
