import { SeededRandom } from "../shared/seeded-random.js";
import type { EntityStore } from "./entity-store.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const PRODUCTS = ["Examplumab", "Fictivir", "Placebolol", "Demotinib", "Samplozide", "Mockarin", "Testosurf", "Nulliprex"] as const;
const COUNTRIES = ["DE", "FR", "IT", "ES", "NL", "BE", "SE", "PL", "US", "GB", "JP", "CA"] as const;
const APPLICATION_TYPES = ["MAA", "NDA", "BLA", "ANDA", "IND", "CTA"] as const;
const PROCEDURES = ["Centralised", "Decentralised", "Mutual Recognition", "National", null] as const;
const APPLICATION_STATUSES = ["Planned", "Submitted", "Under Review", "Approved", "Approved", "Withdrawn"] as const;
const EVENT_TYPES = ["Submission", "Approval", "Variation", "Renewal", "Commitment"] as const;
const EVENT_STATUSES = ["Planned", "In Progress", "Completed", "Completed", "Cancelled"] as const;
const COUNTRY_STATUSES = ["Planned", "Submitted", "Approved", "Approved", "Rejected"] as const;
const LICENSE_STATUSES = ["Active", "Active", "Active", "Suspended", "Expired"] as const;

/**
 * Fills `store` with `applications` applications, each with 1–4 events (each tracked in 1–3
 * countries) and 0–2 licences. The same seed and seed time always give the same data.
 */
export function seedEntities(store: EntityStore, applications: number, seed: number, seedTime: number): void {
  const random = new SeededRandom(seed);
  const day = (offset: number) => new Date(seedTime + offset * DAY_MS).toISOString().slice(0, 10);
  const stamp = (offsetMs: number) => new Date(seedTime - offsetMs).toISOString();
  let written = 0;
  const modified = () => stamp((10_000 - ++written) * 60_000);

  for (let a = 0; a < applications; a++) {
    const product = PRODUCTS[a % PRODUCTS.length]!;
    const submitted = -random.int(60, 900);
    const application = store.create(
      "application",
      {
        applicationNumber: `APP-${String(2020 + (a % 5))}-${String(1000 + a).padStart(5, "0")}`,
        applicationType: random.pick(APPLICATION_TYPES),
        productName: a < PRODUCTS.length ? product : `${product} ${Math.floor(a / PRODUCTS.length) + 1}`,
        procedureType: random.pick(PROCEDURES),
        status: random.pick(APPLICATION_STATUSES),
        submissionDate: random.chance(0.85) ? day(submitted) : null,
      },
      modified(),
    );

    const events = random.int(1, 4);
    for (let e = 0; e < events; e++) {
      const eventDay = submitted + e * random.int(20, 120);
      const event = store.create(
        "event",
        {
          applicationId: application.id,
          eventType: e === 0 ? "Submission" : random.pick(EVENT_TYPES),
          description: random.chance(0.7) ? `${product} ${e === 0 ? "initial submission" : `lifecycle step ${e}`}` : null,
          eventDate: day(eventDay),
          status: random.pick(EVENT_STATUSES),
        },
        modified(),
      );
      const countries = pickDistinct(random, COUNTRIES, random.int(1, 3));
      for (const countryCode of countries) {
        const actual = random.chance(0.6);
        store.create(
          "event-country",
          {
            eventId: event.id,
            countryCode,
            status: actual ? random.pick(COUNTRY_STATUSES) : "Planned",
            plannedDate: day(eventDay + random.int(0, 30)),
            actualDate: actual ? day(eventDay + random.int(10, 90)) : null,
          },
          modified(),
        );
      }
    }

    for (const countryCode of pickDistinct(random, COUNTRIES, random.int(0, 2))) {
      const issued = submitted + random.int(200, 400);
      store.create(
        "license",
        {
          applicationId: application.id,
          licenseNumber: `LIC-${countryCode}-${random.hex(8).toUpperCase()}`,
          countryCode,
          status: random.pick(LICENSE_STATUSES),
          issueDate: day(issued),
          expiryDate: day(issued + 5 * 365),
        },
        modified(),
      );
    }
  }
}

function pickDistinct<T>(random: SeededRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return picked;
}
