import { afterEach, describe, expect, it, vi } from "vitest";
import { createFortiAuthenticatorClient, TimeoutError } from "../src/index.js";
import { DEMO, POLL_ROUTE, startEmulator, TOKEN_ROUTE } from "./support.js";

// The client gives up on a push after the spec's deadline (120 s). Waiting that long has no
// place in a test suite, so the clock jumps instead: `Date.now` runs two minutes ahead as soon
// as the first poll has reached the appliance. This file is alone so that no other test sees
// that clock. The appliance's own push time-out is set far beyond the jump.
afterEach(() => {
  vi.restoreAllMocks();
});

describe("ftm-push deadline", () => {
  it("a push nobody answers ends in a TimeoutError after the client's deadline, not a hang", async () => {
    const server = await startEmulator({ pushTimeoutMs: 3_600_000 });
    const realNow = Date.now.bind(Date);
    // Installed before the client exists: the client reads the clock through `Date.now`.
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + (server.count(POLL_ROUTE) >= 1 ? 200_000 : 0));
    const api = createFortiAuthenticatorClient({ baseUrl: server.url, ca: server.ca, ...DEMO.confidentialApp, username: DEMO.users.push, password: DEMO.password });

    const error = await api.GET("/api/v1/").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/not approved within 120000 ms/);
    // One poll and no second: the deadline is checked before the client sleeps for the next one.
    expect(server.count(POLL_ROUTE)).toBe(1);
    expect(server.count(TOKEN_ROUTE)).toBe(1);
    expect(server.pendingPush(DEMO.users.push)).toBeDefined();
  });
});
