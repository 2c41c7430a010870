import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BACKOFF_DEFAULTS,
  backoffDelayMs,
  composePolicies,
  retryAfterMs,
  retryPolicy,
  type BackoffOptions,
  type PipelineRequest,
  type SecfetchEvent,
} from "../../src/building-blocks.js";
import { propertyRuns, propertyTimeout } from "../support/property-runs.js";

const numRuns = propertyRuns();

// ---------------------------------------------------------------------------------------------
// Arbitraries: what servers put in Retry-After and retry-after-ms
// ---------------------------------------------------------------------------------------------

/** Whether `value` can be a header value at all (Headers refuses NUL, CR, LF and non-Latin-1). */
function headerSafe(value: string): boolean {
  try {
    new Headers({ "x-probe": value });
    return true;
  } catch {
    return false;
  }
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

const retryAfterValue: fc.Arbitrary<string> = fc.oneof(
  // Random text, including Latin-1 and whitespace.
  fc.string({ maxLength: 40 }).filter(headerSafe),
  fc.string({ unit: "binary-ascii", maxLength: 40 }).filter(headerSafe),
  // Integers, small to absurd, and negative ones.
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  digits(300, 420),
  digits(1, 20).map((d) => `-${d}`),
  // Floats as JavaScript writes them (exponents, Infinity, NaN) and as people do.
  fc.double().map(String),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => n.toFixed(3)),
  fc.tuple(digits(1, 6), digits(1, 6)).map(([a, b]) => ` ${a}.${b} `),
  fc.constantFrom("", " ", "0", "00", "1.", ".5", "1e3", "+5", "0x10", "Infinity", "-0", "1 2", "5s", "soon", "-1", "3600"),
  // HTTP dates, past and future, in every form a server writes them.
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((date) => date.toUTCString()),
  fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).chain((date) =>
    fc.constantFrom(date.toUTCString(), date.toString(), date.toISOString(), date.toUTCString().replace("GMT", "UTC"), date.toDateString()),
  ),
  fc.constantFrom("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Mon, 99 Foo 2024 99:99:99 GMT", "Tue"),
);

const headerPair = fc.record(
  { "retry-after": retryAfterValue, "retry-after-ms": retryAfterValue },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------------------------
// retryAfterMs
// ---------------------------------------------------------------------------------------------

describe("retryAfterMs (property)", () => {
  it("is undefined or a finite number of milliseconds, never negative", () => {
    fc.assert(
      fc.property(headerPair, fc.integer({ min: 0, max: 8.64e15 }), (pair, now) => {
        const ms = retryAfterMs(new Headers(pair), now);
        if (ms === undefined) return;
        expect(typeof ms).toBe("number");
        expect(Number.isFinite(ms), `retryAfterMs(${JSON.stringify(pair)}) = ${ms}`).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
      }),
      { numRuns },
    );
  });

  // Found by the property above: a numeral too long for a double reads as Infinity.
  it("gives a finite answer (or none) for a Retry-After of more digits than a double holds", () => {
    const huge = `1${"0".repeat(400)}`;
    const cases: Array<Record<string, string>> = [{ "retry-after": huge }, { "retry-after-ms": huge }, { "retry-after": `1${"0".repeat(306)}` }];
    for (const headers of cases) {
      const ms = retryAfterMs(new Headers(headers));
      expect(ms === undefined || Number.isFinite(ms), `retryAfterMs(${Object.keys(headers)[0]}: 1 and ${(Object.values(headers)[0] ?? "").length - 1} zeros) = ${ms}`).toBe(true);
    }
  });

  it("reads plain seconds and milliseconds exactly, and ignores a garbled retry-after-ms for Retry-After", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), retryAfterValue, (seconds, ms, garbage) => {
        expect(retryAfterMs(new Headers({ "retry-after": String(seconds) }))).toBe(seconds * 1000);
        expect(retryAfterMs(new Headers({ "retry-after-ms": String(ms), "retry-after": String(seconds) }))).toBe(ms);
        // retry-after-ms that is not a plain number falls back to Retry-After.
        if (!/^\s*\d+(\.\d+)?\s*$/.test(garbage)) {
          expect(retryAfterMs(new Headers({ "retry-after-ms": garbage, "retry-after": String(seconds) }))).toBe(seconds * 1000);
        }
      }),
      { numRuns },
    );
  });

  it("counts an HTTP date from `now`, and a past date as 0", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }).map((ms) => Math.floor(ms / 1000) * 1000),
        fc.integer({ min: -4e11, max: 4e11 }).map((ms) => Math.floor(ms / 1000) * 1000),
        (date, offset) => {
          const now = date - offset;
          expect(retryAfterMs(new Headers({ "retry-after": new Date(date).toUTCString() }), now)).toBe(Math.max(0, offset));
        },
      ),
      { numRuns },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// backoffDelayMs
// ---------------------------------------------------------------------------------------------

const backoffOptions: fc.Arbitrary<BackoffOptions | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      baseDelayMs: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 10_000, noNaN: true })),
      maxDelayMs: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.double({ min: 0, max: 120_000, noNaN: true })),
      jitter: fc.oneof(fc.constantFrom(0, 1, 0.25), fc.double({ min: 0, max: 1, noNaN: true })),
    },
    { requiredKeys: [] },
  ),
);
const unitRandom = fc.oneof(fc.constantFrom(0, 0.5, 1 - Number.EPSILON), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }));

describe("backoffDelayMs (property)", () => {
  it("stays within [cap·(1−jitter), cap], cap = min(maxDelayMs, baseDelayMs·2^retry), for retries 0..1000", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), backoffOptions, unitRandom, (retry, options, random) => {
        const { baseDelayMs, maxDelayMs, jitter } = { ...BACKOFF_DEFAULTS, ...options };
        const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
        const delay = backoffDelayMs(retry, options, () => random);
        expect(Number.isFinite(delay)).toBe(true);
        expect(Number.isInteger(delay)).toBe(true);
        // Rounded to whole milliseconds: half a millisecond either way.
        expect(delay).toBeGreaterThanOrEqual(cap * (1 - jitter) - 0.5);
        expect(delay).toBeLessThanOrEqual(cap + 0.5);
        expect(delay).toBeLessThanOrEqual(Math.ceil(maxDelayMs));
        expect(delay).toBeGreaterThanOrEqual(0);
      }),
      { numRuns },
    );
  });

  it("never shrinks as retries grow, for the same draw", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), backoffOptions, unitRandom, (retry, options, random) => {
        expect(backoffDelayMs(retry + 1, options, () => random)).toBeGreaterThanOrEqual(backoffDelayMs(retry, options, () => random));
      }),
      { numRuns },
    );
  });

  it("treats a negative retry count as the first retry", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: -1 }), backoffOptions, unitRandom, (retry, options, random) => {
        expect(backoffDelayMs(retry, options, () => random)).toBe(backoffDelayMs(0, options, () => random));
      }),
      { numRuns },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// retryPolicy and Retry-After
// ---------------------------------------------------------------------------------------------

function request(method: string): PipelineRequest {
  return { url: new URL("https://api.example.com/x"), method, headers: new Headers(), body: undefined, signal: undefined, retrySafe: method === "GET" };
}

/** Retry-After values for the policy: some within a few ms (these really wait), most beyond the cap. */
const policyHeaders = fc.oneof(
  fc.integer({ min: 0, max: 10 }).map((ms) => ({ "retry-after-ms": String(ms) })),
  fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 9 })).map(([ms, frac]) => ({ "retry-after-ms": `${ms}.${frac}` })),
  fc.constantFrom("0", "0.000", "1", "2", "30", "3600", "86400", "1e3", "-1").map((s) => ({ "retry-after": s })),
  fc.integer({ min: 1, max: 10 ** 6 }).map((s) => ({ "retry-after": String(s) })),
  // Dates well in the past (0 ms) or at least two seconds ahead (always beyond the cap).
  fc.integer({ min: 1, max: 10 ** 9 }).map((s) => ({ "retry-after": new Date(Date.now() - s * 1000).toUTCString() })),
  fc.integer({ min: 2, max: 10 ** 9 }).map((s) => ({ "retry-after": new Date(Date.now() + s * 1000 + 1000).toUTCString() })),
  // Garbled or absent: the policy falls back to its own (tiny) backoff.
  fc.constantFrom("soon", "", "Mon, 99 Foo", "5 minutes").map((s) => ({ "retry-after": s })),
  fc.constant({}),
  // Both: retry-after-ms wins when it reads.
  fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 3600 })).map(([ms, s]) => ({ "retry-after-ms": String(ms), "retry-after": String(s) })),
);

describe("retryPolicy with a Retry-After beyond any timer", () => {
  // Node's setTimeout fires after 1 ms for any delay above 2^31 − 1 ms (about 24.8 days), so a
  // wait that long must not reach the timer: with a cap that allows it, the request would be
  // repeated at once, the opposite of what the server asked for.
  it.each([
    ["retry-after-ms: 2^31 (24.9 days)", { "retry-after-ms": String(2 ** 31) }],
    ["Retry-After: 30 days", { "retry-after": String(30 * 24 * 3600) }],
    ["Retry-After: 1 and 400 zeros", { "retry-after": `1${"0".repeat(400)}` }],
  ])("does not turn %s into an immediate retry", async (_, headers) => {
    let calls = 0;
    const send = async () => (++calls === 1 ? new Response(null, { status: 429, headers }) : new Response(null, { status: 200 }));
    const controller = new AbortController();
    const pending = composePolicies([retryPolicy({ maxRetries: 1, maxRetryAfterMs: Infinity })], send)({ ...request("GET"), signal: controller.signal });
    const settled = pending.then(
      (response) => response.status,
      () => "aborted",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const callsAfter100ms = calls;
    controller.abort(new Error("test over"));
    const outcome = await settled;
    // Either the 429 came straight back, or the policy is still waiting: never a second call.
    expect(callsAfter100ms).toBe(1);
    expect([429, "aborted"]).toContain(outcome);
  });
});

describe("retryPolicy with Retry-After (property)", () => {
  const BACKOFF = { baseDelayMs: 1, maxDelayMs: 2 };
  // Wall-clock slack for a loaded CI machine; the exact decision is checked through the retry event below.
  const SLACK_MS = 2_000;

  it(
    "never waits longer than maxRetryAfterMs: asked for more, it hands the 429/503 back",
    async () => {
      const outcomes = { handedBack: 0, honoured: 0, backedOff: 0, notRetried: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(429, 503),
          fc.constantFrom("GET", "POST"),
          policyHeaders,
          fc.integer({ min: 0, max: 5 }),
          async (status, method, headers, maxRetryAfterMs) => {
            const asked = retryAfterMs(new Headers(headers));
            const events: SecfetchEvent[] = [];
            let calls = 0;
            const send = async () => {
              calls++;
              return calls === 1 ? new Response("slow down", { status, headers }) : new Response("ok", { status: 200 });
            };
            const policy = retryPolicy({ maxRetries: 1, maxRetryAfterMs, ...BACKOFF, onEvent: (event) => events.push(event) });
            const started = performance.now();
            const response = await composePolicies([policy], send)(request(method));
            const elapsed = performance.now() - started;
            const retries = events.filter((event) => event.type === "request.retry");

            // Whatever happens, no wait is longer than the cap (or the tiny backoff when no Retry-After reads).
            expect(elapsed).toBeLessThan(Math.max(maxRetryAfterMs, BACKOFF.maxDelayMs) + SLACK_MS);
            for (const event of retries) {
              if (event.type !== "request.retry") continue;
              expect(event.delayMs).toBeLessThanOrEqual(asked === undefined ? BACKOFF.maxDelayMs : maxRetryAfterMs);
            }

            const retried = status === 429 || asked !== undefined || method === "GET";
            if (asked !== undefined && asked > maxRetryAfterMs) {
              outcomes.handedBack++;
              expect(calls).toBe(1);
              expect(response.status).toBe(status);
              expect(await response.text()).toBe("slow down");
              expect(retries).toEqual([]);
            } else if (!retried) {
              outcomes.notRetried++;
              expect(calls).toBe(1);
              expect(response.status).toBe(503);
            } else {
              if (asked === undefined) outcomes.backedOff++;
              else outcomes.honoured++;
              expect(calls).toBe(2);
              expect(response.status).toBe(200);
              expect(retries).toHaveLength(1);
              const event = retries[0];
              if (event?.type === "request.retry") {
                expect(event).toMatchObject({ attempt: 1, status, reason: `HTTP ${status}` });
                if (asked !== undefined) expect(event.delayMs).toBe(asked);
                // Really waited: Node truncates a fractional delay and its timers may fire up to a millisecond early.
                expect(elapsed).toBeGreaterThanOrEqual(event.delayMs - 2);
              }
            }
          },
        ),
        { numRuns },
      );
      // Every branch was exercised.
      expect(Object.values(outcomes).every((count) => count > 0)).toBe(true);
    },
    propertyTimeout(numRuns, 40),
  );
});
