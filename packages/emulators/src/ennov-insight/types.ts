/**
 * Data shapes of the Ennov InSight emulator. They follow `specs/ennov-insight/openapi.yaml`, whose
 * entity fields are our model of a regulatory-information system: Ennov does not publish them.
 */

/** The entities the emulator serves under `/insight/api/v2/<entity>/…`. */
export type EnnovInsightEntityName = "application" | "event" | "event-country" | "license";

/** Every entity name, in the order the spec lists them. */
export const ENNOV_INSIGHT_ENTITIES: readonly EnnovInsightEntityName[] = ["application", "event", "event-country", "license"];

/** A regulatory application (a dossier submitted to an authority). */
export interface EnnovInsightApplication {
  id: number;
  applicationNumber: string;
  applicationType: "MAA" | "NDA" | "BLA" | "ANDA" | "IND" | "CTA";
  productName: string;
  procedureType: "Centralised" | "Decentralised" | "Mutual Recognition" | "National" | null;
  status: "Planned" | "Submitted" | "Under Review" | "Approved" | "Withdrawn" | "Rejected";
  submissionDate: string | null;
  /** Set by the server on every write, ISO 8601 UTC. */
  modifiedDate: string;
}

/** A regulatory event (submission, approval, variation, ...) of an application. */
export interface EnnovInsightEvent {
  id: number;
  applicationId: number;
  eventType: "Submission" | "Approval" | "Variation" | "Renewal" | "Commitment" | "Withdrawal";
  description: string | null;
  eventDate: string | null;
  status: "Planned" | "In Progress" | "Completed" | "Cancelled";
  modifiedDate: string;
}

/** The tracking of one event in one country. */
export interface EnnovInsightEventCountry {
  id: number;
  eventId: number;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  status: "Planned" | "Submitted" | "Approved" | "Rejected" | "Withdrawn";
  plannedDate: string | null;
  actualDate: string | null;
  modifiedDate: string;
}

/** A licence (marketing authorisation) granted for an application in one country. */
export interface EnnovInsightLicense {
  id: number;
  applicationId: number;
  licenseNumber: string;
  countryCode: string;
  status: "Active" | "Suspended" | "Expired" | "Withdrawn";
  issueDate: string | null;
  expiryDate: string | null;
  modifiedDate: string;
}

/** An entity record of any kind, as stored. */
export type EnnovInsightRecord = { id: number; modifiedDate: string } & Record<string, unknown>;
