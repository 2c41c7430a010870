import { HttpError } from "../shared/http-helpers.js";
import type { EnnovInsightEntityName } from "./types.js";

/** How one writable field of an entity is checked. */
export interface FieldSpec {
  readonly kind: "string" | "integer" | "date" | "enum" | "country";
  readonly required: boolean;
  /** `null` is accepted (and is the value when a create leaves the field out). */
  readonly nullable: boolean;
  readonly values?: readonly string[];
  /** The field holds the id of a record of this entity, which must exist. */
  readonly ref?: EnnovInsightEntityName;
  readonly maxLength?: number;
}

const required = (kind: FieldSpec["kind"], extra: Partial<FieldSpec> = {}): FieldSpec => ({ kind, required: true, nullable: false, ...extra });
const optional = (kind: FieldSpec["kind"], extra: Partial<FieldSpec> = {}): FieldSpec => ({ kind, required: false, nullable: true, ...extra });

/** Writable fields per entity; `id` and `modifiedDate` belong to the server. */
export const ENTITY_FIELDS: Readonly<Record<EnnovInsightEntityName, Readonly<Record<string, FieldSpec>>>> = {
  application: {
    applicationNumber: required("string", { maxLength: 64 }),
    applicationType: required("enum", { values: ["MAA", "NDA", "BLA", "ANDA", "IND", "CTA"] }),
    productName: required("string", { maxLength: 200 }),
    procedureType: optional("enum", { values: ["Centralised", "Decentralised", "Mutual Recognition", "National"] }),
    status: required("enum", { values: ["Planned", "Submitted", "Under Review", "Approved", "Withdrawn", "Rejected"] }),
    submissionDate: optional("date"),
  },
  event: {
    applicationId: required("integer", { ref: "application" }),
    eventType: required("enum", { values: ["Submission", "Approval", "Variation", "Renewal", "Commitment", "Withdrawal"] }),
    description: optional("string", { maxLength: 2000 }),
    eventDate: optional("date"),
    status: required("enum", { values: ["Planned", "In Progress", "Completed", "Cancelled"] }),
  },
  "event-country": {
    eventId: required("integer", { ref: "event" }),
    countryCode: required("country"),
    status: required("enum", { values: ["Planned", "Submitted", "Approved", "Rejected", "Withdrawn"] }),
    plannedDate: optional("date"),
    actualDate: optional("date"),
  },
  license: {
    applicationId: required("integer", { ref: "application" }),
    licenseNumber: required("string", { maxLength: 64 }),
    countryCode: required("country"),
    status: required("enum", { values: ["Active", "Suspended", "Expired", "Withdrawn"] }),
    issueDate: optional("date"),
    expiryDate: optional("date"),
  },
};

/** Fields a `read` query may filter on: the writable ones plus `id`. */
export function queryableFields(entity: EnnovInsightEntityName): Readonly<Record<string, FieldSpec>> {
  return { id: required("integer"), ...ENTITY_FIELDS[entity] };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks one value against its field; a wrong value → 400 naming the field (never echoing long input). */
export function checkValue(name: string, spec: FieldSpec, value: unknown): void {
  if (value === null) {
    if (!spec.nullable) throw badRequest(`Field "${name}" must not be null`);
    return;
  }
  switch (spec.kind) {
    case "integer":
      if (!Number.isSafeInteger(value) || (value as number) < 1) throw badRequest(`Field "${name}" must be a positive integer`);
      return;
    case "date":
      if (typeof value !== "string" || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        throw badRequest(`Field "${name}" must be a date such as 2024-05-31`);
      }
      return;
    case "country":
      if (typeof value !== "string" || !/^[A-Z]{2}$/.test(value)) throw badRequest(`Field "${name}" must be an ISO 3166-1 alpha-2 code such as DE`);
      return;
    case "enum":
      if (typeof value !== "string" || !spec.values!.includes(value)) {
        throw badRequest(`Field "${name}" must be one of: ${spec.values!.join(", ")}`);
      }
      return;
    case "string":
      if (typeof value !== "string" || value.trim() === "") throw badRequest(`Field "${name}" must be a non-empty string`);
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        throw badRequest(`Field "${name}" is longer than ${spec.maxLength} characters`);
      }
      return;
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, "Bad Request", message);
}
