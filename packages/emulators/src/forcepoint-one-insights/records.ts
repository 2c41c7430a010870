import { SeededRandom } from "../shared/seeded-random.js";

/** The SSE collections the export API documents. */
export const INSIGHTS_COLLECTIONS = ["Admin", "DLP", "CASBInline", "CASBAPI", "SWG", "Health", "ZTNA"] as const;
export type InsightsCollection = (typeof INSIGHTS_COLLECTIONS)[number];

/** One exported record: display names to values, as the export answers them. */
export type InsightsRecord = Record<string, string | number | boolean>;

const USERS = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"];
const ACTIONS = ["allow", "block", "alert", "quarantine"];
const HOUR_MS = 3600_000;

/** Seeds each collection with `count` records over the 48 hours from `from`, oldest first. */
export function seedRecords(random: SeededRandom, count: number, from: number): Map<InsightsCollection, InsightsRecord[]> {
  const all = new Map<InsightsCollection, InsightsRecord[]>();
  for (const collection of INSIGHTS_COLLECTIONS) {
    const times = Array.from({ length: count }, () => from + random.int(0, 48 * HOUR_MS - 1)).sort((a, b) => a - b);
    all.set(
      collection,
      times.map((time) => ({
        eventTime: insightsTime(time),
        requestid: `ID-${random.hex(12)}`,
        user: random.pick(USERS),
        action: random.pick(ACTIONS),
        collection,
        bytes: random.int(0, 1_000_000),
      })),
    );
  }
  return all;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, the export's time format. */
export function insightsTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}

/** Parses the export's time format as UTC; `undefined` when it is not one. */
export function parseInsightsTime(value: string): number | undefined {
  const time = Date.parse(`${value.replace(" ", "T")}Z`);
  return Number.isNaN(time) ? undefined : time;
}
