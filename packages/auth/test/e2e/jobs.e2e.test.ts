import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, TimeoutError, type ClientDefinition, type CommonClientOptions, ALL_FEATURES } from "../../src/building-blocks.js";
import { sendJson, testServersClosedAfterEach } from "../support/http-server.js";

// The general job block (`x-secfetch-job`) against servers that misbehave the ways a real one can.

const start = testServersClosedAfterEach();

const definition: ClientDefinition = {
  packageName: "@secfetch/test-jobs",
  features: ALL_FEATURES,
  servers: { default: "https://api.example.test" },
  regional: false,
  auth: { options: { apiKey: { type: "string", required: true, secret: true } }, modes: [{ name: "key", requires: ["apiKey"], static: { scheme: "header", header: "X-Api-Key", value: "{apiKey}" } }] },
  pagination: { "/jobs/{jobId}/rows": { scheme: "key", items: "/rows", param: "after", next: "/next" } },
  jobs: {
    "/jobs": {
      params: { jobId: "/job/id" },
      status: "/jobs/{jobId}",
      state: "/job/state",
      running: ["queued", "running"],
      outcome: { at: "/job/outcome", success: ["ok"] },
      results: "/jobs/{jobId}/rows",
    },
  },
  retrySafe: [],
};

const client = (baseUrl: string) => createApiClient<{}, {}>(definition, { baseUrl, apiKey: "k-3f9$Z%0a\"q" } as CommonClientOptions) as unknown as JobApi;

interface JobApi {
  startJob(path: string, init?: object): Promise<{ params: Record<string, string>; wait(options?: object): Promise<unknown>; results(): AsyncIterable<unknown> }>;
  runJob(path: string, init: object, options?: object): Promise<{ latest: unknown; results(): AsyncIterable<unknown> }>;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("jobs over real sockets", () => {
  it("follows the job by the id its start answered (escaped into the path), honours Retry-After and reads every page of rows", async () => {
    let polls = 0;
    const pollTimes: number[] = [];
    const server = await start((req, res) => {
      if (req.method === "POST") return sendJson(res, 202, { job: { id: "a/b c", state: "queued" } });
      if (req.url === "/jobs/a%2Fb%20c") {
        polls += 1;
        pollTimes.push(performance.now());
        if (polls === 1) {
          res.setHeader("Retry-After", "0.2");
          return sendJson(res, 200, { job: { id: "a/b c", state: "running" } });
        }
        return sendJson(res, 200, { job: { id: "a/b c", state: "done", outcome: "ok" } });
      }
      if (req.url?.startsWith("/jobs/a%2Fb%20c/rows")) return sendJson(res, 200, req.url.includes("after=2") ? { rows: [3] } : { rows: [1, 2], next: "2" });
      return sendJson(res, 404, {});
    });
    const job = await client(server.url).runJob("/jobs", { body: { q: 1 } }, { pollIntervalMs: 1, maxPollIntervalMs: 5 });
    expect(await collect(job.results())).toEqual([1, 2, 3]);
    // The wait after the first poll followed Retry-After (200 ms), not the 1-5 ms backoff.
    expect(pollTimes[1]! - pollTimes[0]!).toBeGreaterThanOrEqual(190);
    expect(server.requests.map((request) => request.path)).toEqual(["/jobs", "/jobs/a%2Fb%20c", "/jobs/a%2Fb%20c", "/jobs/a%2Fb%20c/rows", "/jobs/a%2Fb%20c/rows?after=2"]);
  });

  it("a status read that stalls after its headers still ends at the deadline, not never", async () => {
    const server = await start((req, res) => {
      if (req.method === "POST") return sendJson(res, 201, { job: { id: "7", state: "queued" } });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"job":{"id":"7",');
      // …and never ends the body.
    });
    const api = client(server.url);
    const job = await api.startJob("/jobs", { body: {} });
    const began = Date.now();
    const error = await job.wait({ deadlineMs: 300, pollIntervalMs: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - began).toBeLessThan(5_000);
  });

  it("a start answer without the id to follow is an ApiError that shows the body but not the API key", async () => {
    const server = await start((_req, res) => sendJson(res, 201, { job: { state: "queued" }, echo: "k-3f9$Z%0a\"q" }));
    const error = await client(server.url).startJob("/jobs", { body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/has no \/job\/id to follow it by/);
    expect(JSON.stringify(error)).not.toContain("k-3f9");
  });

  it("a status that names no state is polled until the deadline, then reported as still running", async () => {
    const server = await start((req, res) => (req.method === "POST" ? sendJson(res, 201, { job: { id: "1" } }) : sendJson(res, 200, { job: { id: "1" } })));
    const job = await client(server.url).startJob("/jobs", { body: {} });
    await expect(job.wait({ deadlineMs: 80, pollIntervalMs: 5 })).rejects.toThrow(/still running after 80 ms/);
  });

  it("a failed poll is an ApiError naming the job and the path, after the transport's own retries", async () => {
    const server = await start((req, res) => (req.method === "POST" ? sendJson(res, 201, { job: { id: "9", state: "queued" } }) : sendJson(res, 410, { error: "expired" })));
    const job = await client(server.url).startJob("/jobs", { body: {} });
    await expect(job.wait({ pollIntervalMs: 1 })).rejects.toMatchObject({ name: "ApiError", status: 410, code: "expired", message: expect.stringContaining("GET /jobs/9 (polling the job started by POST /jobs (9))") });
  });
});
