import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError, JobFailedError, TimeoutError } from "../src/index.js";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

const QUERY = { adHocQuery: { template: "select meta_hostname, name from xdr_data limit 10" }, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" };
const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 20 };

// Query runs are declared as jobs in the spec (`x-secfetch-job`): the client starts, polls and
// reads them with one general helper, and the emulator plays them from the same declaration.
describe("XDR Data Lake query runs", () => {
  it("runs a query to completion and reads every row, polling the run until it finishes", async () => {
    const server = await startEmulator({ jobs: { polls: 3 } });
    const tenant = clientFor(server, "tenant");
    const seen: string[] = [];
    const job = await tenant.runJob("/xdr-query/v1/queries/runs", { body: QUERY }, { ...FAST, onStatus: (status) => seen.push(status.status) });

    expect(job.started).toMatchObject({ status: "pending", result: "notAvailable", from: QUERY.from, to: QUERY.to });
    expect(job.latest).toMatchObject({ id: job.params.runId, status: "finished", result: "succeeded" });
    expect(job.done).toBe(true);
    expect(seen).toEqual(["started", "started", "started", "finished"]);
    expect(server.count("GET /xdr-query/v1/queries/runs/{runId}")).toBe(4);

    const rows = await collect(job.results({ params: { query: { pageSize: 3 } } }));
    expect(rows).toHaveLength(10);
    expect(server.count("GET /xdr-query/v1/queries/runs/{runId}/results")).toBe(4);
    // The run is one of the tenant's runs.
    const runs = await collect(tenant.paginate("/xdr-query/v1/queries/runs"));
    expect(runs.map((run) => run.id)).toContain(job.params.runId);
  });

  it("refuses to read rows before the run finished, then reads them once it has", async () => {
    const server = await startEmulator({ jobs: { polls: 1 } });
    const tenant = clientFor(server, "tenant");
    const job = await tenant.startJob("/xdr-query/v1/queries/runs", { body: QUERY });
    await expect(collect(job.results())).rejects.toMatchObject({ name: "ApiError", status: 400 });
    expect((await job.poll()).status).toBe("started");
    expect(await job.wait(FAST)).toMatchObject({ status: "finished", result: "succeeded" });
    expect(await collect(job.results())).toHaveLength(10);
  });

  it("stops at the deadline with a TimeoutError and cancels the run on the server", async () => {
    const server = await startEmulator({ jobs: { polls: Infinity } });
    const tenant = clientFor(server, "tenant");
    const job = await tenant.startJob("/xdr-query/v1/queries/runs", { body: QUERY });
    const error = await job.wait({ ...FAST, deadlineMs: 150 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toMatch(/still started after 150 ms and \d+ polls; it was asked to stop/);
    expect(server.count("POST /xdr-query/v1/queries/runs/{runId}/cancel")).toBe(1);
    expect(await job.poll()).toMatchObject({ status: "finished", result: "canceled" });
  });

  it("stops when the caller aborts, rejecting with the signal's reason, and leaves the run when asked to", async () => {
    const server = await startEmulator({ jobs: { polls: Infinity } });
    const tenant = clientFor(server, "tenant");
    const controller = new AbortController();
    const reason = new Error("operator pressed stop");
    const waiting = tenant.runJob("/xdr-query/v1/queries/runs", { body: QUERY }, { ...FAST, signal: controller.signal, cancelOnGiveUp: false });
    setTimeout(() => controller.abort(reason), 60);
    await expect(waiting).rejects.toBe(reason);
    expect(server.count("POST /xdr-query/v1/queries/runs/{runId}/cancel")).toBe(0);
    const [run] = (await tenant.GET("/xdr-query/v1/queries/runs", { params: { query: { statuses: ["started"] } } })).data!.items;
    expect(run?.status).toBe("started");
  });

  it("aborts a wait that already began with an aborted signal before any poll", async () => {
    const server = await startEmulator({ jobs: { polls: Infinity } });
    const tenant = clientFor(server, "tenant");
    const job = await tenant.startJob("/xdr-query/v1/queries/runs", { body: QUERY });
    await expect(job.wait({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(server.count("GET /xdr-query/v1/queries/runs/{runId}")).toBe(0);
  });

  it("throws JobFailedError, with the run, when the run fails", async () => {
    const server = await startEmulator({ jobs: { polls: 0, outcome: "failure" } });
    const tenant = clientFor(server, "tenant");
    const error = await tenant.runJob("/xdr-query/v1/queries/runs", { body: QUERY }, FAST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ state: "finished", outcome: "failed", job: { status: "finished", result: "failed" } });
  });

  it("refuses a query that is neither SQL nor a saved query, naming the fix, before any run starts", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    await expect(tenant.runJob("/xdr-query/v1/queries/runs", { body: { from: QUERY.from } })).rejects.toMatchObject({ name: "ApiError", status: 400 });
    expect(() => tenant.runJob("/xdr-query/v1/queries/categories" as never, {} as never)).toThrow(ConfigurationError);
    expect(() => tenant.runJob("/xdr-query/v1/queries/runs", { body: QUERY }, { deadlineMs: 0 })).toThrow(/deadlineMs must be a number of milliseconds from 1/);
    expect(() => tenant.runJob("/xdr-query/v1/queries/runs", { body: QUERY }, { pollIntervalMs: 50, maxPollIntervalMs: 10 })).toThrow(ConfigurationError);
    expect(server.count("POST /xdr-query/v1/queries/runs")).toBe(1);
  });
});

describe("Live Discover and detections run the same way", () => {
  it("runs a Live Discover query on every endpoint and reads the rows", async () => {
    const server = await startEmulator({ jobs: { polls: 1 } });
    const tenant = clientFor(server, "tenant");
    const job = await tenant.runJob(
      "/live-discover/v1/queries/runs",
      { body: { adHocQuery: { name: "Listening ports", template: "select pid, port from listening_ports" }, matchEndpoints: { all: true } } },
      FAST,
    );
    expect(job.latest).toMatchObject({ status: "finished", result: "succeeded" });
    expect(await collect(job.results())).toHaveLength(10);
    await expect(job.cancel()).rejects.toThrow(/declares no way to stop/);
  });

  it("searches detections and reads them page by page", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const job = await tenant.runJob("/detections/v1/queries/detections", { body: { severity: [8, 9, 10], from: QUERY.from, to: QUERY.to } }, FAST);
    const pages = await collect(job.resultPages({ params: { query: { pageSize: 4 } } }));
    expect(pages.map((page) => page.items.length)).toEqual([4, 4, 2]);
    expect(pages.flatMap((page) => page.items).every((detection) => typeof detection.id === "string")).toBe(true);
  });
});
