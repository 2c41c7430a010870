import { describe, expect, it } from "vitest";
import { bundleSizes } from "../src/scenarios/bundle.js";
import { coldStart } from "../src/scenarios/cold-start.js";
import { hotPath } from "../src/scenarios/hot-path.js";
import { memory } from "../src/scenarios/memory.js";
import { paging } from "../src/scenarios/paging.js";
import { redisStore } from "../src/scenarios/redis-store.js";
import { refreshUnderLoad } from "../src/scenarios/refresh-under-load.js";
import { stampede } from "../src/scenarios/stampede.js";
import { table } from "../src/scoreboard.js";

// The bench's scenarios with tiny counts: proof that the harness works, never a timing check
// (speed goals live in `npm run bench`).

describe("bench harness (tiny counts)", () => {
  it("hot path compares both clients and measures the in-process overhead", async () => {
    const result = await hotPath({ calls: 40 });
    for (const comparison of [result.concurrency1, result.concurrency8]) {
      expect(comparison.ratio).toBeGreaterThan(0);
      expect(comparison.spread[0]).toBeLessThanOrEqual(comparison.spread[1]);
    }
    expect(Number.isFinite(result.overheadMicroseconds)).toBe(true);
  });

  it("stampede counts one token request per credential", async () => {
    const result = await stampede({ calls: 50, credentials: 5, callsEach: 5 });
    expect(result.oneCredential).toMatchObject({ tokenRequests: 1, failed: 0 });
    expect(result.manyCredentials).toMatchObject({ tokenRequests: 5, failed: 0 });
  });

  it("refresh under load runs both lifetimes and reports percentiles", async () => {
    const result = await refreshUnderLoad({ seconds: 0.5, lanes: 2 });
    expect(result.shortLived.calls).toBeGreaterThan(0);
    expect(result.longLived.failed).toBe(0);
    expect(result.shortLived.p99Ms).toBeGreaterThanOrEqual(result.shortLived.p50Ms);
  });

  it("memory, cold start and paging run end to end", async () => {
    const heap = await memory({ calls: 1_200, concurrency: 4 });
    expect(heap.calls).toBe(1_200);
    expect((await coldStart({ rounds: 1 })).ratio).toBeGreaterThan(0);
    const walk = await paging({ items: 2_500, pageSize: 1000, rounds: 1 });
    expect(walk.items).toBe(2_500);
  });

  it("measures the Redis token store against the memory store (where redis-server is installed; CI has it)", async () => {
    const result = await redisStore({ rounds: 1, ops: 20 });
    if ("skipped" in result) {
      expect(process.env.CI, "CI installs redis-server (.ci/run)").toBeFalsy();
      return;
    }
    expect(result.lookups.oursOpsPerSecond).toBeGreaterThan(0);
    expect(result.cachedCall.ratio).toBeGreaterThan(0);
    expect(result.freshClientCall.ratio).toBeGreaterThan(0);
  });

  it("bundles every vendor client for the browser", async () => {
    const result = await bundleSizes();
    expect(result.openapiFetchBytes).toBeGreaterThan(1000);
    expect(result.vendors).toHaveLength(6);
    for (const vendor of result.vendors) expect(vendor.minGzipBytes).toBeGreaterThan(result.openapiFetchBytes);
  });

  it("prints a Markdown table, and says plainly when a goal is missed", () => {
    const text = table([
      { scenario: "a", figure: "1", goal: "≤ 2", met: true },
      { scenario: "b", figure: "3", goal: "≤ 2", met: false, note: "why" },
    ]);
    expect(text).toContain("| a | 1 | ≤ 2 | yes |");
    expect(text).toContain("| b | 3 | ≤ 2 | **no** — why |");
  });
});
