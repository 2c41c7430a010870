import { describe, expect, it } from "vitest";
import { backoffDelayMs, retryAfterMs } from "../../src/building-blocks.js";

describe("retryAfterMs", () => {
  it("reads seconds, HTTP dates and retry-after-ms", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }), now)).toBe(0);
  });

  it("ignores garbage", () => {
    expect(retryAfterMs(new Headers())).toBeUndefined();
    expect(retryAfterMs(new Headers({ "retry-after": "-1" }))).toBeUndefined();
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }))).toBeUndefined();
  });
});

describe("backoffDelayMs", () => {
  it("grows exponentially, capped, with jitter taken off", () => {
    expect(backoffDelayMs(0, {}, () => 0)).toBe(500);
    expect(backoffDelayMs(3, {}, () => 0)).toBe(4000);
    expect(backoffDelayMs(10, {}, () => 0)).toBe(8000);
    expect(backoffDelayMs(0, {}, () => 1)).toBe(375);
  });
});
