import { HttpError } from "../shared/http-helpers.js";
import { deref, escapePointer, isObject } from "./document.js";
import type { OpenApiDocument, Pointer } from "./document.js";
import type { SpecOperation } from "./operations.js";
import { setAt } from "./paging.js";
import { propertyHolder, responseSchema } from "./resource-shapes.js";
import type { Item } from "./resource-store.js";

/** The `x-secfetch-job` declaration on the POST that starts a long-running job. */
export interface JobDeclaration {
  readonly params: Readonly<Record<string, string>>;
  readonly status: string;
  readonly state: string;
  readonly running: readonly string[];
  readonly outcome?: { readonly at: string; readonly success: readonly string[] };
  readonly results?: string;
  readonly cancel?: string;
}

/** How the emulator's jobs behave: how many status reads they stay running, and how they end. */
export interface JobSettings {
  /** Status reads a job answers as running before it finishes. `Infinity`: never finishes. Default 2. */
  readonly polls?: number;
  /** How jobs end: with a success outcome, or a failure one. Default `"success"`. */
  readonly outcome?: "success" | "failure";
}

/** The role an operation plays in a declared job. */
export type JobRole = { readonly role: "start" | "status" | "cancel" | "results"; readonly job: DeclaredJob };

/** A declaration with the state and outcome values its schemas allow, worked out once. */
export interface DeclaredJob {
  readonly declaration: JobDeclaration;
  /** The state a finished job reports: the status schema's first state that is not a running one. */
  readonly doneState: string;
  readonly outcomes: { readonly pending: string; readonly success: string; readonly failure: string; readonly canceled: string } | undefined;
}

/**
 * Plays long-running jobs as the spec declares them: a started job runs for a few status reads,
 * then finishes (or fails, or is cancelled); its results can be read only once it succeeded.
 * Jobs are items of the collection their status path reads, so a list of runs shows them too.
 */
export class JobPlayer {
  readonly #roles = new Map<string, JobRole>();
  readonly #polls = new Map<string, number>();
  readonly #settings: Required<JobSettings>;

  constructor(document: OpenApiDocument, operations: readonly SpecOperation[], settings: JobSettings = {}) {
    const polls = settings.polls ?? 2;
    if (!(polls >= 0)) throw new TypeError("jobs.polls must be a number >= 0 (Infinity: never finish)");
    const outcome = settings.outcome ?? "success";
    if (outcome !== "success" && outcome !== "failure") throw new TypeError('jobs.outcome must be "success" or "failure"');
    this.#settings = { polls, outcome };
    const byKey = new Map(operations.map((op) => [op.key, op]));
    for (const op of operations) {
      const declaration = op.raw["x-secfetch-job"] as JobDeclaration | undefined;
      if (!declaration) continue;
      const status = byKey.get(`GET ${declaration.status}`);
      if (!status) throw new Error(`${op.key}: x-secfetch-job names GET ${declaration.status}, which the spec lacks`);
      const job = declare(document, declaration, status);
      this.#roles.set(op.key, { role: "start", job });
      this.#roles.set(status.key, { role: "status", job });
      if (declaration.cancel) this.#roles.set(`POST ${declaration.cancel}`, { role: "cancel", job });
      if (declaration.results) this.#roles.set(`GET ${declaration.results}`, { role: "results", job });
    }
  }

  roleOf(op: SpecOperation): JobRole | undefined {
    return this.#roles.get(op.key);
  }

  /** A just-created job: running, with no outcome yet. */
  started(job: DeclaredJob, item: Item): Item {
    const { declaration } = job;
    setAt(item, declaration.state, declaration.running[0]);
    if (declaration.outcome && job.outcomes) setAt(item, declaration.outcome.at, job.outcomes.pending);
    return item;
  }

  /** A status read: the job moves on, and finishes once it has been read as running often enough. */
  polled(job: DeclaredJob, key: string, item: Item): Item {
    if (!this.#running(job, item)) return item;
    const polls = (this.#polls.get(key) ?? 0) + 1;
    this.#polls.set(key, polls);
    if (polls <= this.#settings.polls) {
      const { running } = job.declaration;
      setAt(item, job.declaration.state, running[Math.min(polls, running.length - 1)]);
      return item;
    }
    return this.#finish(job, item, this.#settings.outcome);
  }

  cancelled(job: DeclaredJob, item: Item): Item {
    return this.#running(job, item) ? this.#finish(job, item, "canceled") : item;
  }

  /** Refuses to read the results of a job that has not finished with success. */
  checkResults(job: DeclaredJob, item: Item): void {
    const { declaration } = job;
    const state = readAt(item, declaration.state);
    if (this.#running(job, item)) throw new HttpError(400, "badRequest", `The job is still ${String(state)}; read its results once it has finished`);
    if (declaration.outcome && !declaration.outcome.success.includes(String(readAt(item, declaration.outcome.at)))) {
      throw new HttpError(400, "badRequest", `The job ended as ${String(readAt(item, declaration.outcome.at))}; it has no results`);
    }
  }

  reset(): void {
    this.#polls.clear();
  }

  #running(job: DeclaredJob, item: Item): boolean {
    return job.declaration.running.includes(String(readAt(item, job.declaration.state)));
  }

  #finish(job: DeclaredJob, item: Item, how: "success" | "failure" | "canceled"): Item {
    setAt(item, job.declaration.state, job.doneState);
    if (job.declaration.outcome && job.outcomes) setAt(item, job.declaration.outcome.at, job.outcomes[how]);
    if ("finishedAt" in item) item["finishedAt"] = new Date().toISOString();
    return item;
  }
}

function declare(document: OpenApiDocument, declaration: JobDeclaration, status: SpecOperation): DeclaredJob {
  const schema = responseSchema(status);
  const states = schema ? enumAt(document, schema, declaration.state) : [];
  const doneState = states.find((state) => !declaration.running.includes(state));
  if (doneState === undefined) throw new Error(`${status.key}: the schema at ${declaration.state} needs an enum with a state that is not running`);
  if (!declaration.outcome || !schema) return { declaration, doneState, outcomes: undefined };
  const values = enumAt(document, schema, declaration.outcome.at);
  const success = declaration.outcome.success[0]!;
  const others = values.filter((value) => !declaration.outcome!.success.includes(value));
  // Outcome names vary by vendor; the emulator picks by the usual words and falls back to any non-success value.
  const named = (pattern: RegExp) => others.find((value) => pattern.test(value));
  const pending = named(/not|pending|unknown|none/i) ?? others[0] ?? success;
  return {
    declaration,
    doneState,
    outcomes: { pending, success, failure: named(/fail|error/i) ?? others[0] ?? pending, canceled: named(/cancel/i) ?? named(/fail|error/i) ?? others[0] ?? pending },
  };
}

/** The `enum` of the schema at an instance pointer (`/status`) below a schema. */
function enumAt(document: OpenApiDocument, schema: Pointer, instancePointer: string): string[] {
  let current = schema;
  for (const segment of instancePointer.split("/").filter(Boolean)) {
    const { node, pointer } = propertyHolder(document, current, segment);
    if (!node) return [];
    current = `${pointer}/properties/${escapePointer(segment)}`;
  }
  const { node } = deref(document, current);
  return isObject(node) && Array.isArray(node["enum"]) ? node["enum"].map(String) : [];
}

function readAt(item: Item, pointer: string): unknown {
  let node: unknown = item;
  for (const segment of pointer.split("/").filter(Boolean)) node = isObject(node) ? node[segment] : undefined;
  return node;
}
