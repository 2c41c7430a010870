import { compileOperations, SchemaValidator, SeededRandom, SpecEngine, synthesize } from "@secfetch/emulators/spec";
import type { OpenApiDocument, SpecOperation } from "@secfetch/emulators/spec";

/** The openapi-fetch surface the walk calls: one method per HTTP verb. */
export type AnyClient = Record<string, (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>>;

export interface WalkOptions {
  readonly document: OpenApiDocument;
  /** The client to call an operation with (a vendor may need another credential for some paths). */
  clientFor(op: SpecOperation): AnyClient;
  /** Route keys of the operations the client's sign-in calls itself; they are checked by count, not called. */
  readonly signIn: ReadonlySet<string>;
  /** Values for parameters or body fields the walk cannot find in earlier answers, by name. */
  readonly values?: Readonly<Record<string, () => unknown>>;
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
export async function walkOperations(options: WalkOptions): Promise<{ called: string[]; problems: OperationProblem[] }> {
  const { document } = options;
  const engine = new SpecEngine(document);
  const validator = new SchemaValidator(document);
  const context = { document, random: new SeededRandom(7), now: Date.now() };
  const samples = new Map<string, Record<string, unknown>>();
  const seen = new Map<string, unknown>();
  const problems: OperationProblem[] = [];
  const called: string[] = [];

  for (const op of ordered(compileOperations(document)).filter((o) => !options.signIn.has(o.key))) {
    const near = nearestSample(op.path.split("{")[0]!, samples);
    const valueFor = (name: string): unknown => options.values?.[name]?.() ?? near?.[name] ?? seen.get(name);
    const path: Record<string, unknown> = {};
    for (const parameter of op.parameters.filter((p) => p.in === "path")) {
      path[parameter.name] = idFor(engine, op, parameter.name, samples) ?? valueFor(parameter.name) ?? synthesize(context, parameter.schema);
    }
    const query: Record<string, unknown> = {};
    const header: Record<string, unknown> = {};
    for (const parameter of op.parameters.filter((p) => p.in === "query" || p.in === "header")) {
      // Optional parameters only where the vendor's setup names a value (a first page's start date).
      const value = parameter.required ? valueFor(parameter.name) ?? synthesize(context, parameter.schema) : options.values?.[parameter.name]?.();
      if (value !== undefined) (parameter.in === "query" ? query : header)[parameter.name] = value;
    }
    const init: Record<string, unknown> = { params: { path, query, header } };
    const media = op.requestBody?.content[0];
    if (media?.schema) {
      const body = synthesize(context, media.schema);
      if (body !== null && typeof body === "object" && !Array.isArray(body)) {
        for (const key of Object.keys(body)) {
          const known = valueFor(key);
          if (known !== undefined && typeof known === typeof (body as Record<string, unknown>)[key]) (body as Record<string, unknown>)[key] = known;
        }
      }
      init["body"] = body;
      if (media.type === "application/x-www-form-urlencoded") {
        init["bodySerializer"] = (value: Record<string, string>) => new URLSearchParams(value).toString();
      }
      init["headers"] = { "Content-Type": media.type };
    }
    const success = op.responses.find((r) => r.status >= 200 && r.status < 300);
    const expected = success?.content[0]?.type;
    if (expected && !expected.includes("json")) init["parseAs"] = "text";

    called.push(op.key);
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
    remember(op, body, samples, seen);
  }

  return { called, problems };
}

/** Reads without ids first (they supply the ids), then creates, item reads, changes and actions, deletes last. */
function ordered(operations: SpecOperation[]): SpecOperation[] {
  const rank = (op: SpecOperation) => {
    const item = op.path.includes("{") && !/^\/\{[^}]+\}\//.test(op.path);
    if (op.method === "DELETE") return 4;
    if (op.method === "GET") return item ? 2 : 0;
    return item ? 3 : 1;
  };
  return operations.map((op, index) => ({ op, index })).sort((a, b) => rank(a.op) - rank(b.op) || a.index - b.index).map(({ op }) => op);
}

/** An id for a path parameter: the id field of an item that the list with the nearest path returned. */
function idFor(engine: SpecEngine, op: SpecOperation, name: string, samples: Map<string, Record<string, unknown>>): unknown {
  const behaviour = engine.behaviour(op);
  const collection = "collection" in behaviour ? behaviour.collection : behaviour.kind === "respond" ? behaviour.parent?.collection : undefined;
  const best = nearestSample(op.path.slice(0, op.path.indexOf(`{${name}}`)), samples);
  for (const field of [collection?.idField, name, "id"]) if (best && field && best[field] !== undefined) return best[field];
  return undefined;
}

/** The sample from the list whose path shares the longest prefix with `prefix`, down to its parent folder at least. */
function nearestSample(prefix: string, samples: Map<string, Record<string, unknown>>): Record<string, unknown> | undefined {
  let best: Record<string, unknown> | undefined;
  let bestLength = 0;
  for (const [path, sample] of samples) {
    let common = 0;
    while (common < Math.min(path.length, prefix.length) && path[common] === prefix[common]) common++;
    if (common > bestLength) [best, bestLength] = [sample, common];
  }
  return best && bestLength >= prefix.lastIndexOf("/", prefix.length - 2) ? best : undefined;
}

/** Keeps the first object of the first list in an answer, and every named value seen. */
function remember(op: SpecOperation, body: unknown, samples: Map<string, Record<string, unknown>>, seen: Map<string, unknown>): void {
  const queue: unknown[] = [body];
  let sampled = false;
  while (queue.length > 0) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      const first = node.find((item) => item !== null && typeof item === "object" && !Array.isArray(item));
      if (first && !sampled) {
        samples.set(op.path, first as Record<string, unknown>);
        sampled = true;
      }
      queue.push(...node);
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (value !== null && typeof value === "object") queue.push(value);
        else if (!seen.has(key)) seen.set(key, value);
      }
    }
  }
}
