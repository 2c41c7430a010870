import { SeededRandom } from "../shared/seeded-random.js";
import type { ResolvedOptions } from "./options.js";
import { seedApps, seedIncidents, seedLogEvents, statusOf } from "./seed.js";
import type {
  PaloAltoApp,
  PaloAltoCloseCategory,
  PaloAltoIncident,
  PaloAltoIncidentState,
  PaloAltoLogEvent,
  PaloAltoRemediationStatus,
  PaloAltoRemediationType,
} from "./types.js";

interface RemediationRecord {
  status: PaloAltoRemediationStatus;
  pendingReadsLeft: number;
}

/** The tenant's data: apps, incidents, remediations and the log-event queue. */
export class PaloAltoState {
  readonly apps: readonly PaloAltoApp[];
  readonly #incidents = new Map<number, PaloAltoIncident>();
  readonly #remediations = new Map<string, RemediationRecord>();
  readonly #logQueue: PaloAltoLogEvent[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #random: SeededRandom;
  readonly #pendingReads: number;
  #ordered: PaloAltoIncident[] | undefined;
  #lastUpdate = 0;
  #nextEventTime: number;

  constructor(options: ResolvedOptions) {
    this.#random = new SeededRandom(options.seed);
    this.#pendingReads = options.remediationPendingReads;
    const tenant = options.clients[0]!.tenant;
    this.apps = seedApps(this.#random, options.apps);
    for (const incident of seedIncidents(this.#random, options.incidents, this.apps, tenant, options.seedTime)) {
      this.#incidents.set(incident.incident_id, incident);
      this.#lastUpdate = Math.max(this.#lastUpdate, Date.parse(incident.updated_at));
    }
    this.#nextEventTime = options.seedTime - 60 * 60 * 1000;
    this.addLogEvents(options.logEvents);
  }

  /** Every incident ordered by `updated_at`, then `incident_id`. */
  orderedIncidents(): readonly PaloAltoIncident[] {
    this.#ordered ??= [...this.#incidents.values()].sort(
      (a, b) => a.updated_at.localeCompare(b.updated_at) || a.incident_id - b.incident_id,
    );
    return this.#ordered;
  }

  incident(id: number): PaloAltoIncident | undefined {
    return this.#incidents.get(id);
  }

  /** Closes (or re-categorises) an incident; `updated_at` moves to now, never equal to another. */
  closeIncident(incident: PaloAltoIncident, category: PaloAltoCloseCategory): PaloAltoIncidentState {
    this.#lastUpdate = Math.max(Date.now(), this.#lastUpdate + 1);
    const now = new Date(this.#lastUpdate).toISOString();
    Object.assign(incident, {
      state: "closed",
      category,
      status: statusOf("closed", category),
      resolved_by: "api",
      resolution_date: now,
      updated_at: now,
    });
    this.#ordered = undefined;
    return { state: "closed", category, resolved_by: "api", resolution_date: now };
  }

  /** The incident holding asset `assetId`, if any. */
  asset(assetId: string): PaloAltoIncident | undefined {
    for (const incident of this.#incidents.values()) if (incident.asset_id === assetId) return incident;
    return undefined;
  }

  startRemediation(asset: PaloAltoIncident, type: PaloAltoRemediationType): void {
    const status: PaloAltoRemediationStatus = {
      asset_id: asset.asset_id,
      asset_name: asset.asset_name,
      remediation_type: type,
      action_taker: "api",
      action_date: new Date().toISOString().replace(/Z$/, "+0000"),
      status: this.#pendingReads > 0 ? "pending" : "success",
    };
    this.#remediations.set(`${asset.asset_id}\n${type}`, { status, pendingReadsLeft: this.#pendingReads });
  }

  /** The latest remediation of `type` on the asset; each read counts towards completion. */
  readRemediation(assetId: string, type: PaloAltoRemediationType): PaloAltoRemediationStatus | undefined {
    const record = this.#remediations.get(`${assetId}\n${type}`);
    if (!record) return undefined;
    if (record.pendingReadsLeft > 0) {
      record.pendingReadsLeft -= 1;
      return { ...record.status, status: "pending" };
    }
    record.status.status = "success";
    return { ...record.status };
  }

  /** Number of events waiting in the queue. */
  get queuedLogEvents(): number {
    return this.#logQueue.length;
  }

  /** Removes and returns up to `max` events, oldest first. */
  takeLogEvents(max: number): PaloAltoLogEvent[] {
    return this.#logQueue.splice(0, max);
  }

  /** Appends `count` generated events (deterministic for the seed) and wakes waiting long polls. */
  addLogEvents(count: number): void {
    const events = seedLogEvents(this.#random, count, [...this.#incidents.values()], this.apps, this.#nextEventTime);
    this.#nextEventTime += count * 1000;
    this.#logQueue.push(...events);
    if (count > 0) for (const wake of this.#waiters) wake();
  }

  /** Waits up to `ms` for events to arrive; resolves early when events are added or `signal` aborts. */
  waitForLogEvents(ms: number, signal: AbortSignal): Promise<void> {
    if (ms <= 0 || signal.aborted || this.#logQueue.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#waiters.add(done);
      signal.addEventListener("abort", done);
    });
  }
}
