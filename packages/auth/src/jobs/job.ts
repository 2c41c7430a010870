import { fillTemplate, readPointer } from "../declaration/template.js";
import type { JobDeclaration } from "../declaration/types.js";
import { ApiError } from "../errors/api-error.js";
import { JobFailedError } from "../errors/job-failed-error.js";
import type { Redactor } from "../errors/redact.js";
import { responseError } from "../errors/response-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import type { PageResult } from "../paginate/iterate-pages.js";
import { retryAfterMs } from "../transport/retry-after.js";
import { sleep } from "../util/abortable.js";
import { resolveWaitOptions, type JobWaitOptions } from "./wait-options.js";

type Call = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** What a job needs of its client: its calls and its paging walks. */
export interface JobClient {
  get: Call;
  post: Call;
  paginate(path: string, init: Record<string, unknown>): AsyncIterable<unknown>;
  pages(path: string, init: Record<string, unknown>): AsyncIterable<PageResult>;
  source: string;
  redactor: Redactor;
}

/** Query, headers or signal for a results walk, as for `paginate()`; the job's path parameters are filled in. */
export type JobResultsInit = { params?: { query?: Record<string, unknown> } } & Record<string, unknown>;

/** A started job: poll it, wait for it, stop it, read its results. */
export interface Job<Start = unknown, Status = unknown, Item = unknown> {
  /** The path parameters that name this job (`{ runId: "…" }`), with the start path's own. */
  readonly params: Readonly<Record<string, string>>;
  /** What the start call answered. */
  readonly started: Start;
  /** The last body read about the job: the start answer until the first poll. */
  readonly latest: Start | Status;
  /** Whether the last body read says the job has left its running states. */
  readonly done: boolean;
  /** Reads the job's status once. */
  poll(init?: Record<string, unknown>): Promise<Status>;
  /**
   * Polls, pausing longer each time, until the job is done; resolves with its final status.
   * @throws JobFailedError when it finished without success.
   * @throws TimeoutError when `deadlineMs` passes first (the job is asked to stop, unless `cancelOnGiveUp: false`).
   * @throws the signal's reason when `signal` aborts (the job is asked to stop, likewise).
   */
  wait(options?: JobWaitOptions<Status>): Promise<Status>;
  /** Asks the server to stop the job. Resolves with the server's answer. */
  cancel(init?: Record<string, unknown>): Promise<unknown>;
  /** Every result item of the finished job, across all pages. */
  results(init?: JobResultsInit): AsyncIterable<Item>;
  /** The results a page at a time, each with its checkpoint. */
  resultPages(init?: JobResultsInit): AsyncIterable<PageResult<Item>>;
}

/** Starts a declared job with a POST to `path` and returns its handle. */
export async function startJob(client: JobClient, path: string, declaration: JobDeclaration, init: Record<string, unknown> = {}): Promise<Job> {
  const { data, error, response } = await client.post(path, init);
  if (!response.ok) throw responseError({ doing: `POST ${path} (starting a job)`, response, body: error, source: client.source, redactor: client.redactor });
  // The start path's own values (the endpoint a log is collected from) name the job too.
  const startPath = ((init.params as { path?: Record<string, unknown> } | undefined)?.path ?? {});
  const params: Record<string, string> = Object.fromEntries(Object.entries(startPath).map(([name, value]) => [name, String(value)]));
  for (const [name, pointer] of Object.entries(declaration.params)) {
    const value = readPointer(data, pointer);
    if ((typeof value !== "string" || value === "") && typeof value !== "number") {
      throw new ApiError(`${client.source}: POST ${path} started a job but its answer has no ${pointer} to follow it by.`, {
        status: response.status,
        body: data,
        redactor: client.redactor,
        hint: "The server's answer does not match the spec; report it with the response body.",
      });
    }
    params[name] = String(value);
  }
  return createJobHandle(client, path, declaration, params, data);
}

function createJobHandle(client: JobClient, startPath: string, declaration: JobDeclaration, params: Record<string, string>, started: unknown): Job {
  const { source, redactor } = client;
  const describe = `the job started by POST ${startPath} (${Object.values(params).join(", ")})`;
  let latest: unknown = started;
  const stateOf = (body: unknown) => stringAt(body, declaration.state);
  const isRunning = (body: unknown) => {
    const state = stateOf(body);
    return state === undefined || declaration.running.includes(state);
  };
  const withParams = (init: Record<string, unknown> = {}) => {
    const given = (init.params ?? {}) as Record<string, unknown>;
    return { ...init, params: { ...given, path: { ...(given.path as Record<string, unknown> | undefined), ...params } } };
  };
  const concrete = (template: string) => fillTemplate(template, params) ?? template;

  async function read(init?: Record<string, unknown>): Promise<{ body: unknown; response: Response }> {
    const { data, error, response } = await client.get(declaration.status, withParams(init));
    if (!response.ok) throw responseError({ doing: `GET ${concrete(declaration.status)} (polling ${describe})`, response, body: error, source, redactor });
    latest = data;
    return { body: data, response };
  }

  async function cancel(init?: Record<string, unknown>): Promise<unknown> {
    if (declaration.cancel === undefined) throw new ApiError(`${source}: this API declares no way to stop ${describe}.`, { status: 0, hint: "Wait for it to finish, or let it expire on the server." });
    const { data, error, response } = await client.post(declaration.cancel, withParams(init));
    if (!response.ok) throw responseError({ doing: `POST ${concrete(declaration.cancel)} (stopping ${describe})`, response, body: error, source, redactor });
    return data;
  }

  function settle(body: unknown): unknown {
    if (declaration.outcome === undefined) return body;
    const outcome = stringAt(body, declaration.outcome.at);
    if (outcome !== undefined && declaration.outcome.success.includes(outcome)) return body;
    const state = stateOf(body);
    throw new JobFailedError(`${source}: ${describe} ended as ${state ?? "(no state)"} with ${declaration.outcome.at} = ${outcome ?? "(none)"}.`, {
      state,
      outcome,
      job: body,
      redactor,
      hint: "Read `job` for the server's reason; a query may need a narrower time range or a fix to its text.",
    });
  }

  async function wait(options?: JobWaitOptions): Promise<unknown> {
    const resolved = resolveWaitOptions(options);
    const began = Date.now();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), resolved.deadlineMs);
    const signal = resolved.signal ? AbortSignal.any([resolved.signal, deadline.signal]) : deadline.signal;
    let pause = resolved.pollIntervalMs;
    let polls = 0;
    try {
      // A start that already reports a finished job still gets one status read, so callers always get the status shape.
      let askedFor: number | undefined = isRunning(latest) ? undefined : 0;
      for (;;) {
        const delay = askedFor === undefined ? pause : Math.max(askedFor, 0);
        await sleep(Math.min(delay, resolved.deadlineMs - (Date.now() - began)), signal);
        const { body, response } = await read({ signal });
        polls += 1;
        resolved.onStatus?.(body);
        if (!isRunning(body)) return settle(body);
        const retryAfter = retryAfterMs(response.headers);
        askedFor = retryAfter === undefined ? undefined : Math.max(retryAfter, pause);
        pause = Math.min(resolved.maxPollIntervalMs, Math.max(pause * 1.5, 1));
      }
    } catch (error) {
      if (!signal.aborted) throw error;
      const stopped = declaration.cancel !== undefined && resolved.cancelOnGiveUp ? await cancel().then(() => "it was asked to stop", () => "asking it to stop failed") : "it was left running";
      if (resolved.signal?.aborted) throw resolved.signal.reason;
      throw new TimeoutError(`${source}: ${describe} was still ${stateOf(latest) ?? "running"} after ${resolved.deadlineMs} ms and ${polls} polls; ${stopped}.`, {
        timeoutMs: resolved.deadlineMs,
        hint: "Raise deadlineMs for long queries, or narrow the query.",
        redactor,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  const resultsInit = (init?: JobResultsInit) => {
    if (declaration.results === undefined) throw new ApiError(`${source}: this API declares no results for ${describe}.`, { status: 0, hint: "Read what you need from the final status." });
    return [declaration.results, withParams(init)] as const;
  };

  return {
    params,
    started,
    get latest() {
      return latest;
    },
    get done() {
      return !isRunning(latest);
    },
    poll: async (init) => (await read(init)).body,
    wait,
    cancel,
    results: (init) => client.paginate(...resultsInit(init)),
    resultPages: (init) => client.pages(...resultsInit(init)),
  };
}

function stringAt(body: unknown, pointer: string): string | undefined {
  const value = readPointer(body, pointer);
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}
