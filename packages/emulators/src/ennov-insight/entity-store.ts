import { HttpError } from "../shared/http-helpers.js";
import { badRequest, checkValue, ENTITY_FIELDS, queryableFields } from "./entity-fields.js";
import type { EnnovInsightEntityName, EnnovInsightRecord } from "./types.js";
import { ENNOV_INSIGHT_ENTITIES } from "./types.js";

/** Where each entity's id sequence starts (distinct ranges make a wrong-entity id easy to spot). */
const FIRST_ID: Readonly<Record<EnnovInsightEntityName, number>> = {
  application: 1001,
  event: 46001,
  "event-country": 52001,
  license: 7001,
};

/** Which entities point at which: deleting a record still referenced is refused. */
const REFERENCED_BY: Readonly<Record<EnnovInsightEntityName, ReadonlyArray<[EnnovInsightEntityName, string]>>> = {
  application: [["event", "applicationId"], ["license", "applicationId"]],
  event: [["event-country", "eventId"]],
  "event-country": [],
  license: [],
};

/** In-memory tables of the four entities, with the checks a database would make. */
export class EntityStore {
  readonly #tables = new Map<EnnovInsightEntityName, Map<number, EnnovInsightRecord>>();
  readonly #nextId = new Map<EnnovInsightEntityName, number>();
  #lastWrite = 0;

  constructor() {
    for (const entity of ENNOV_INSIGHT_ENTITIES) {
      this.#tables.set(entity, new Map());
      this.#nextId.set(entity, FIRST_ID[entity]);
    }
  }

  /** Every record of `entity`, ordered by id (copies). */
  all(entity: EnnovInsightEntityName): EnnovInsightRecord[] {
    return [...this.#table(entity).values()].sort((a, b) => a.id - b.id).map((record) => ({ ...record }));
  }

  get(entity: EnnovInsightEntityName, id: number): EnnovInsightRecord | undefined {
    const record = this.#table(entity).get(id);
    return record && { ...record };
  }

  /**
   * Records matching every field of `queryFor`: a scalar must equal the field, an array lists
   * the values accepted. An unknown field or a value of the wrong type → 400.
   */
  query(entity: EnnovInsightEntityName, queryFor: Record<string, unknown>): EnnovInsightRecord[] {
    const fields = queryableFields(entity);
    const tests = Object.entries(queryFor).map(([name, wanted]) => {
      const spec = fields[name];
      if (!spec) throw badRequest(`Unknown field "${name.slice(0, 64)}" in queryFor; known: ${Object.keys(fields).join(", ")}`);
      const accepted = Array.isArray(wanted) ? wanted : [wanted];
      if (accepted.length === 0) throw badRequest(`queryFor.${name} must not be an empty list`);
      for (const value of accepted) checkValue(`queryFor.${name}`, { ...spec, nullable: true }, value);
      return (record: EnnovInsightRecord) => accepted.includes(record[name] ?? null);
    });
    return this.all(entity).filter((record) => tests.every((test) => test(record)));
  }

  /**
   * Adds a record from a body without `id`; required fields, types and references are checked.
   * `modifiedDate` is now, unless given (seeding uses fixed dates so data is reproducible).
   */
  create(entity: EnnovInsightEntityName, body: Record<string, unknown>, modifiedDate?: string): EnnovInsightRecord {
    const fields = ENTITY_FIELDS[entity];
    // Built in the order the API shows fields: id, the entity's fields, modifiedDate.
    const record = { id: this.#allocateId(entity) } as EnnovInsightRecord;
    for (const [name, spec] of Object.entries(fields)) {
      const value = body[name];
      if (value === undefined && spec.required) throw badRequest(`Missing required field "${name}"`);
      record[name] = value ?? null;
    }
    this.#checkFields(entity, record);
    record.modifiedDate = modifiedDate ?? this.#stamp();
    this.#table(entity).set(record.id, record);
    return { ...record };
  }

  /** Changes the fields present in `body` of record `id` (a partial update). Unknown id → 404. */
  update(entity: EnnovInsightEntityName, id: number, body: Record<string, unknown>): EnnovInsightRecord {
    const current = this.#table(entity).get(id);
    if (!current) throw notFound(entity, id);
    const next: EnnovInsightRecord = { ...current };
    for (const [name, value] of Object.entries(body)) if (name !== "id") next[name] = value;
    this.#checkFields(entity, next);
    next.modifiedDate = this.#stamp();
    this.#table(entity).set(id, next);
    return { ...next };
  }

  /** Removes record `id`. Unknown → 404; still referenced by another record → 409. */
  delete(entity: EnnovInsightEntityName, id: number): void {
    if (!this.#table(entity).has(id)) throw notFound(entity, id);
    for (const [other, field] of REFERENCED_BY[entity]) {
      const user = [...this.#table(other).values()].find((record) => record[field] === id);
      if (user) {
        throw new HttpError(409, "Conflict", `${entity} ${id} is still referenced by ${other} ${user.id}; delete that first`);
      }
    }
    this.#table(entity).delete(id);
  }

  #table(entity: EnnovInsightEntityName): Map<number, EnnovInsightRecord> {
    return this.#tables.get(entity)!;
  }

  /** Types of every writable field, then that each reference points at an existing record. */
  #checkFields(entity: EnnovInsightEntityName, record: EnnovInsightRecord): void {
    for (const [name, spec] of Object.entries(ENTITY_FIELDS[entity])) {
      checkValue(name, spec, record[name]);
      if (spec.ref && !this.#table(spec.ref).has(record[name] as number)) {
        throw badRequest(`Field "${name}": ${spec.ref} ${String(record[name])} does not exist`);
      }
    }
  }

  #allocateId(entity: EnnovInsightEntityName): number {
    const id = this.#nextId.get(entity)!;
    this.#nextId.set(entity, id + 1);
    return id;
  }

  /** Strictly increasing write times, so `modifiedDate` orders writes even within one millisecond. */
  #stamp(): string {
    this.#lastWrite = Math.max(Date.now(), this.#lastWrite + 1);
    return new Date(this.#lastWrite).toISOString();
  }
}

export function notFound(entity: EnnovInsightEntityName, id: number): HttpError {
  return new HttpError(404, "Not Found", `No ${entity} with id ${id}`);
}
