import { compileOperations, SchemaValidator, SeededRandom, SpecEngine, synthesize } from "@secfetch/emulators/spec";
import type { OpenApiDocument, SpecMediaType, SpecOperation, SynthesisContext } from "@secfetch/emulators/spec";

/** The openapi-fetch surface the walk calls: one method per HTTP verb. */
export type AnyClient = Record<string, (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>>;

/** What a vendor's setup may say about a request the walk cannot infer, for one operation. */
export interface RequestHint {
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
}

/** What the walk has learned so far: the first item each list answered with. */
export interface WalkState {
  /** The first item of the list whose path shares the most with `path`. */
  sample(path: string): Record<string, unknown> | undefined;
}

export interface WalkOptions {
  readonly document: OpenApiDocument;
  /** The client to call an operation with (a vendor may need another credential for some paths). */
  clientFor(op: SpecOperation): AnyClient;
  /** Route keys of the operations the client's sign-in calls itself; they are checked by count, not called. */
  readonly signIn: ReadonlySet<string>;
  /**
   * Requests the walk cannot build from the spec alone, by route key: a business rule the schema
   * cannot state (an action this alert allows, a token no user holds). Merged over the built request.
   */
  readonly hints?: Readonly<Record<string, (state: WalkState) => RequestHint | Promise<RequestHint>>>;
}

/** What went wrong with one operation. */
export interface OperationProblem {
  readonly operation: string;
  readonly status: number | undefined;
  readonly problem: string;
}

/**
 * Calls every operation of a document once, through the vendor's generated client, and checks
 * each answer: a success status the operation declares, and a body valid against the schema the
 * spec gives for that status and media type. Requests are built from the spec (required
 * parameters and bodies synthesized from their schemas); ids come from what earlier list answers
 * returned, so item operations hit items that exist. Reads go first, then creates, then item
 * reads, changes and actions, deletes last.
 */
export async function walkOperations(options: WalkOptions): Promise<{ called: string[]; refused: string[]; problems: OperationProblem[] }> {
  const { document } = options;
  const engine = new SpecEngine(document);
  const validator = new SchemaValidator(document);
  const context = { document, random: new SeededRandom(7), now: Date.now() };
  const samples = new Map<string, Record<string, unknown>>();
  // What the walk itself created, by folder: a delete removes that, not seeded data others refer to.
  const created = new Map<string, Record<string, unknown>>();
  const seen = new Map<string, unknown>();
  const problems: OperationProblem[] = [];
  const called: string[] = [];
  const refused: string[] = [];

  const state: WalkState = { sample: (path) => nearestSample(path, samples) };
  // Jobs the walk started, by the paths that follow them (status, results, cancel): their path values.
  const jobs = new Map<string, { declaration: JobDeclaration; params: Record<string, string> }>();

  for (const op of ordered(engine, compileOperations(document)).filter((o) => !options.signIn.has(o.key))) {
    const near = nearestSample(op.path.split("{")[0]!, samples);
    // Only ids come from earlier answers (a name like `type` means different things in different
    // places); a list of ids gets the nearest list's first id.
    // A delete removes what the walk created, where it created one in that folder.
    const pathParams = op.parameters.filter((p) => p.in === "path");
    const last = pathParams.at(-1)?.name;
    const own = isDelete(op) && last ? created.get(folderOf(op.path.slice(0, op.path.lastIndexOf(`{${last}}`)))) : undefined;
    const known = (name: string): unknown => {
      if (/(ids|Ids)$/.test(name)) return near?.["id"] === undefined ? undefined : [near["id"]];
      return /(^id|_id|Id)$/.test(name) ? near?.[name] ?? seen.get(name) : undefined;
    };
    const hint = (await options.hints?.[op.key]?.(state)) ?? {};
    const path: Record<string, unknown> = {};
    for (const parameter of pathParams) {
      const mine = parameter.name === last ? own?.[parameter.name] ?? own?.["id"] : undefined;
      // A path segment from a fixed set (`/settings/{endpointType}`) names one of the set, not an item.
      const schema = resolve(document, parameter.schema);
      const fixed = isRecord(schema) && Array.isArray(schema["enum"]);
      path[parameter.name] = fixed ? synthesize(context, parameter.schema) : mine ?? idFor(engine, op, parameter.name, samples) ?? known(parameter.name) ?? synthesize(context, parameter.schema);
    }
    const query: Record<string, unknown> = {};
    const header: Record<string, unknown> = {};
    for (const parameter of op.parameters.filter((p) => p.required && (p.in === "query" || p.in === "header"))) {
      (parameter.in === "query" ? query : header)[parameter.name] = known(parameter.name) ?? synthesize(context, parameter.schema);
    }
    const job = jobs.get(op.path);
    if (job) Object.assign(path, job.params);
    if (job && op.path === job.declaration.results) {
      const problem = await waitForJob(options.clientFor(op), job);
      if (problem) problems.push({ operation: op.key, status: undefined, problem });
    }
    const init: Record<string, unknown> = { params: { path: { ...path, ...hint.path }, query: { ...query, ...hint.query }, header } };
    const media = op.requestBody?.content[0];
    if (media?.schema || hint.body !== undefined) {
      init["body"] = hint.body ?? requestBody(engine, op, media!, context, (name) => (name === "id" ? own?.["id"] : undefined) ?? memberIds(engine, op, name, samples) ?? known(name));
      if (media?.type === "application/x-www-form-urlencoded") {
        init["bodySerializer"] = (value: Record<string, string>) => new URLSearchParams(value).toString();
      }
      init["headers"] = { "Content-Type": media?.type ?? "application/json" };
    }
    const success = op.responses.find((r) => r.status >= 200 && r.status < 300);
    const expected = success?.content[0]?.type;
    if (expected && !expected.includes("json")) init["parseAs"] = "text";

    called.push(op.key);
    // First the same request made invalid: it must be refused in the vendor's own 400 envelope,
    // naming the field, and change nothing (the valid request follows).
    const forbidden = forbid(document, op, init);
    if (forbidden) {
      refused.push(op.key);
      const problem = await checkRefusal(options.clientFor(op), op, forbidden, validator);
      if (problem) problems.push({ operation: op.key, status: problem.status, problem: `refusal: ${problem.text}` });
    }
    let answer: Awaited<ReturnType<AnyClient[string]>>;
    try {
      answer = await options.clientFor(op)[op.method]!(op.path, init);
    } catch (error) {
      problems.push({ operation: op.key, status: undefined, problem: `threw ${(error as Error).name}: ${(error as Error).message}` });
      continue;
    }
    const { response } = answer;
    const body = answer.data ?? answer.error;
    const declared = op.responses.find((r) => r.status === response.status);
    if (response.status < 200 || response.status >= 300) {
      problems.push({ operation: op.key, status: response.status, problem: `not a success: ${String(JSON.stringify(body)).slice(0, 300)}` });
      continue;
    }
    if (!declared) {
      problems.push({ operation: op.key, status: response.status, problem: "status not declared by the spec" });
      continue;
    }
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (declared.content.length === 0) {
      if (body !== undefined && body !== "" && body !== null) problems.push({ operation: op.key, status: response.status, problem: "a body where the spec declares none" });
      continue;
    }
    const content = declared.content.find((c) => c.type === type);
    if (!content) {
      problems.push({ operation: op.key, status: response.status, problem: `content type "${type}" not declared (${declared.content.map((c) => c.type).join(", ")})` });
      continue;
    }
    if (content.schema && type.includes("json")) {
      const failure = validator.check(content.schema, body);
      if (failure) problems.push({ operation: op.key, status: response.status, problem: `answer invalid at "${failure.path}": ${failure.message}` });
    }
    const declaration = op.raw["x-secfetch-job"] as JobDeclaration | undefined;
    if (declaration) {
      const started = (init["params"] as { path: Record<string, unknown> }).path;
      const params = { ...Object.fromEntries(Object.entries(started).map(([name, value]) => [name, String(value)])), ...Object.fromEntries(Object.entries(declaration.params).map(([name, pointer]) => [name, String(pointerValue(body, pointer))])) };
      for (const follower of [declaration.status, declaration.results, declaration.cancel]) if (follower) jobs.set(follower, { declaration, params });
    }
    if (!op.path.includes("{") || engine.behaviour(op).kind === "list") remember(op, body, samples, seen);
    const behaviour = engine.behaviour(op);
    // What the walk added to a membership list is a member it can read and take out later.
    const added = behaviour.kind === "add-members" ? memberIds(engine, op, "ids", samples) : undefined;
    if (behaviour.kind === "add-members" && added) samples.set(behaviour.collection.template, { [behaviour.collection.idField ?? "id"]: added[0] });
    if (op.method === "POST" && !op.path.includes("{") && isRecord(body) && body["id"] !== undefined && !created.has(folderOf(op.path))) created.set(folderOf(op.path), body);
  }

  return { called, refused, problems };
}

/** The parts of an `x-secfetch-job` declaration the walk follows. */
interface JobDeclaration {
  readonly params: Readonly<Record<string, string>>;
  readonly status: string;
  readonly state: string;
  readonly running: readonly string[];
  readonly results?: string;
  readonly cancel?: string;
}

/** Polls a started job's status until it leaves its running states, so its results can be read. */
async function waitForJob(client: AnyClient, job: { declaration: JobDeclaration; params: Record<string, string> }): Promise<string | undefined> {
  for (let poll = 0; poll < 20; poll++) {
    const { data, response } = await client["GET"]!(job.declaration.status, { params: { path: job.params } });
    if (!response.ok) return `polling ${job.declaration.status} answered ${response.status}`;
    if (!job.declaration.running.includes(String(pointerValue(data, job.declaration.state)))) return undefined;
  }
  return `${job.declaration.status} still running after 20 polls`;
}

function exampleOf(document: OpenApiDocument, pointer: string): unknown {
  const media = pointerValue(document, pointer) as Record<string, unknown> | undefined;
  if (!media) return undefined;
  if ("example" in media) return structuredClone(media["example"]);
  const first = Object.values((media["examples"] ?? {}) as Record<string, { value?: unknown }>)[0];
  return first && "value" in first ? structuredClone(first.value) : undefined;
}

function pointerValue(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const part of pointer.replace(/^#?\//, "").split("/")) {
    node = (node as Record<string, unknown> | undefined)?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return node;
}

/**
 * The request made invalid in one way the spec forbids, and the field that makes it so: an
 * unknown body field where the body allows none, a query value of the wrong type or outside its
 * enum, or a required body field left out. Undefined when the spec forbids none of these.
 */
function forbid(document: OpenApiDocument, op: SpecOperation, init: Record<string, unknown>): { init: Record<string, unknown>; field: string } | undefined {
  const params = init["params"] as { query: Record<string, unknown> };
  const media = op.requestBody?.content[0];
  const bodySchema = media?.schema ? (resolve(document, media.schema) as Record<string, unknown> | undefined) : undefined;
  const body = init["body"];
  if (isRecord(body) && bodySchema?.["additionalProperties"] === false) {
    return { init: { ...init, body: { ...body, secfetchBogus: 1 } }, field: "secfetchBogus" };
  }
  for (const parameter of op.parameters.filter((p) => p.in === "query")) {
    const schema = resolve(document, parameter.schema) as Record<string, unknown> | undefined;
    if (schema && (Array.isArray(schema["enum"]) || ["integer", "number", "boolean"].includes(schema["type"] as string))) {
      return { init: { ...init, params: { ...params, query: { ...params.query, [parameter.name]: "secfetch-bogus" } } }, field: parameter.name };
    }
  }
  const required = bodySchema?.["required"];
  if (isRecord(body) && Array.isArray(required) && typeof required[0] === "string" && required[0] in body) {
    const { [required[0]]: _dropped, ...rest } = body;
    return { init: { ...init, body: rest }, field: required[0] };
  }
  return undefined;
}

async function checkRefusal(client: AnyClient, op: SpecOperation, forbidden: { init: Record<string, unknown>; field: string }, validator: SchemaValidator): Promise<{ status: number | undefined; text: string } | undefined> {
  let answer: Awaited<ReturnType<AnyClient[string]>>;
  try {
    answer = await client[op.method]!(op.path, { ...forbidden.init, parseAs: "json" });
  } catch (error) {
    return { status: undefined, text: `threw ${(error as Error).name}` };
  }
  const { response } = answer;
  const body = answer.error ?? answer.data;
  if (response.status !== 400) return { status: response.status, text: `expected 400 for ${forbidden.field}, got ${String(JSON.stringify(body)).slice(0, 200)}` };
  const declared = op.responses.find((r) => r.status === 400)?.content.find((c) => c.schema);
  const failure = declared ? validator.check(declared.schema!, body) : undefined;
  if (failure) return { status: 400, text: `400 body invalid at "${failure.path}": ${failure.message}` };
  if (!JSON.stringify(body ?? "").includes(forbidden.field)) return { status: 400, text: `400 does not name "${forbidden.field}": ${String(JSON.stringify(body)).slice(0, 200)}` };
  return undefined;
}

function resolve(document: OpenApiDocument, pointer: string): unknown {
  let node = pointerValue(document, pointer);
  for (let hops = 0; hops < 16 && isRecord(node) && typeof node["$ref"] === "string"; hops++) node = pointerValue(document, node["$ref"]);
  return node;
}

/** A delete, REST-style or RPC-style (`POST /things/{id}/delete`). */
const isDelete = (op: SpecOperation): boolean => op.method === "DELETE" || /\/delete$/.test(op.path);
const folderOf = (path: string): string => path.slice(0, path.lastIndexOf("/") + 1);
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Lists first (they supply the ids), then creates, actions and other reads without ids, then
 * item reads, item changes and actions, deletes last.
 */
function ordered(engine: SpecEngine, operations: SpecOperation[]): SpecOperation[] {
  const rank = (op: SpecOperation) => {
    const item = op.path.includes("{") && !/^\/\{[^}]+\}\//.test(op.path);
    // Deeper deletes first: a membership goes before the user it belongs to.
    if (isDelete(op)) return 10 - op.path.split("/").length / 100;
    // A job is started before the paths that follow it (its status, results, cancel) are read.
    if (op.raw["x-secfetch-job"]) return 2.5;
    if (item) return op.method === "GET" ? 3 : 4;
    if (engine.behaviour(op).kind === "list") return 0;
    return op.method === "GET" ? 2 : 1;
  };
  return operations.map((op, index) => ({ op, index })).sort((a, b) => rank(a.op) - rank(b.op) || a.index - b.index).map(({ op }) => op);
}

/**
 * A body for an operation: for a create, one from the schema (an example would collide with the
 * seeded data it was written from); otherwise the spec author's example, a request known to make
 * sense together, else one from the schema. Id fields get ids the walk has seen.
 */
function requestBody(engine: SpecEngine, op: SpecOperation, media: SpecMediaType, context: SynthesisContext, known: (name: string) => unknown): unknown {
  const example = engine.behaviour(op).kind === "create" ? undefined : exampleOf(context.document, media.pointer);
  const body = example ?? (media.schema ? synthesize(context, media.schema) : undefined);
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    const fields = body as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const value = known(key);
      if (value !== undefined && Array.isArray(value) === Array.isArray(fields[key])) fields[key] = value;
    }
  }
  return body;
}

/** Ids to add to a membership list: those of an item of the collection its members come from. */
function memberIds(engine: SpecEngine, op: SpecOperation, name: string, samples: Map<string, Record<string, unknown>>): unknown[] | undefined {
  const behaviour = engine.behaviour(op);
  if (behaviour.kind !== "add-members" || !behaviour.source || !/(ids|Ids)$/.test(name)) return undefined;
  const sample = samples.get(behaviour.source.template);
  const id = sample?.[behaviour.source.idField ?? "id"];
  return id === undefined ? undefined : [id];
}

/** An id for a path parameter: the id field of an item that the list with the nearest path returned. */
function idFor(engine: SpecEngine, op: SpecOperation, name: string, samples: Map<string, Record<string, unknown>>): unknown {
  const behaviour = engine.behaviour(op);
  const collection = "collection" in behaviour ? behaviour.collection : behaviour.kind === "respond" ? behaviour.parent?.collection : undefined;
  // The list of the very collection the id belongs to, else the one with the nearest path.
  const itemParam = "idParam" in behaviour ? behaviour.idParam : behaviour.kind === "respond" ? behaviour.parent?.idParam : undefined;
  const exact = collection && name === itemParam ? samples.get(collection.template) : undefined;
  const best = exact ?? nearestSample(op.path.slice(0, op.path.indexOf(`{${name}}`)), samples);
  for (const field of [collection?.idField, name, "id"]) if (best && field && best[field] !== undefined) return best[field];
  return undefined;
}

/** The sample from the list whose path shares the longest prefix with `prefix`, down to its parent folder at least. */
function nearestSample(prefix: string, samples: Map<string, Record<string, unknown>>): Record<string, unknown> | undefined {
  let best: Record<string, unknown> | undefined;
  let bestLength = 0;
  for (const [path, sample] of samples) {
    // A list under one of the items (`/users/{id}/groups` for `/users/`) holds other things.
    if (path.startsWith(prefix) && path.slice(prefix.length).includes("{")) continue;
    let common = 0;
    while (common < Math.min(path.length, prefix.length) && path[common] === prefix[common]) common++;
    if (common > bestLength) [best, bestLength] = [sample, common];
  }
  // Only a list in the same folder (`/things` for `/things/{id}`, `/things/read` for `/things/create`) counts.
  return best && bestLength >= folderOf(prefix).length - 1 ? best : undefined;
}

/** Keeps the first object of the first list in an answer, and every named value seen. */
function remember(op: SpecOperation, body: unknown, samples: Map<string, Record<string, unknown>>, seen: Map<string, unknown>): void {
  const queue: unknown[] = [body];
  let sampled = false;
  while (queue.length > 0) {
    const node: unknown = queue.shift();
    if (Array.isArray(node)) {
      const first: unknown = (node as unknown[]).find((item) => item !== null && typeof item === "object" && !Array.isArray(item));
      if (first && !sampled && !samples.has(op.path)) {
        samples.set(op.path, first as Record<string, unknown>);
        sampled = true;
      }
      queue.push(...(node as unknown[]));
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (value !== null && typeof value === "object") queue.push(value);
        else if (!seen.has(key)) seen.set(key, value);
      }
    }
  }
}
