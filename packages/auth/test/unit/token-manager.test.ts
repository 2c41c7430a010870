import { describe, expect, it } from "vitest";
import { createMemoryTokenStore, createTokenManager, type SecfetchEvent, type TokenRecord } from "../../src/building-blocks.js";

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function issuer(time: { now: () => number }, lifetimeMs: number | null = 60_000) {
  let issued = 0;
  let failNext = 0;
  return {
    get issued() {
      return issued;
    },
    fail(times: number) {
      failNext = times;
    },
    async acquire(): Promise<TokenRecord> {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failNext > 0) {
        failNext--;
        throw new Error("token endpoint down");
      }
      issued++;
      return { accessToken: `token-${issued}`, tokenType: "bearer", issuedAt: time.now(), expiresAt: lifetimeMs === null ? null : time.now() + lifetimeMs };
    },
  };
}

const key = async () => "key";

describe("createTokenManager", () => {
  it("shares one request among 1,000 concurrent cold callers", async () => {
    const time = clock();
    const source = issuer(time);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now });
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => manager.getToken()));
    expect(source.issued).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(["token-1"]));
  });

  it("stops a shared sign-in once every waiting caller has given up, not before", async () => {
    const signals: AbortSignal[] = [];
    const slowAcquire = ({ signal }: { signal: AbortSignal }) => {
      signals.push(signal);
      return new Promise<TokenRecord>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
    };
    const manager = createTokenManager({ key, acquire: slowAcquire });
    const first = new AbortController();
    const second = new AbortController();
    const waits = [manager.getToken({ signal: first.signal }), manager.getToken({ signal: second.signal })].map((wait) => wait.catch((error: unknown) => error));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signals).toHaveLength(1);
    first.abort(new Error("first gave up"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signals[0]?.aborted).toBe(false);
    second.abort(new Error("second gave up"));
    expect(await Promise.all(waits)).toEqual([new Error("first gave up"), new Error("second gave up")]);
    expect(signals[0]?.aborted).toBe(true);

    // A caller without a signal keeps the sign-in going whoever else gives up.
    const steadfast = createTokenManager({ key, store: createMemoryTokenStore(), acquire: slowAcquire });
    const quitter = new AbortController();
    const quitting = steadfast.getToken({ signal: quitter.signal }).catch((error: unknown) => error);
    void steadfast.getToken().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 5));
    quitter.abort(new Error("gave up"));
    expect(await quitting).toEqual(new Error("gave up"));
    expect(signals[1]?.aborted).toBe(false);
  });

  it("warm() refreshes a lapsed token in the background without anyone waiting, pausing after a failure", async () => {
    const time = clock();
    const source = issuer(time, 60_000);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now, retryIntervalMs: 3_000 });
    await manager.getToken();
    manager.warm();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.issued).toBe(1);
    time.advance(120_000);
    source.fail(1);
    manager.warm();
    await new Promise((resolve) => setTimeout(resolve, 20));
    manager.warm(); // inside the pause after the failure: nothing is sent
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.issued).toBe(1);
    time.advance(3_000);
    manager.warm();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.issued).toBe(2);
    expect(await manager.getToken()).toBe("token-2");
  });

  it("serves a fresh token from the cache", async () => {
    const time = clock();
    const source = issuer(time);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now });
    await manager.getToken();
    time.advance(30_000);
    expect(await manager.getToken()).toBe("token-1");
    expect(source.issued).toBe(1);
  });

  it("refreshes in the background inside the refresh window, serving the old token meanwhile", async () => {
    const time = clock();
    const source = issuer(time, 600_000);
    const events: SecfetchEvent[] = [];
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now, onEvent: (event) => events.push(event) });
    await manager.getToken();
    time.advance(600_000 - 60_000); // one minute left: inside the 2-minute window
    expect(await manager.getToken()).toBe("token-1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.issued).toBe(2);
    expect(await manager.getToken()).toBe("token-2");
    expect(events.map((event) => event.type)).toEqual(["token.issued", "token.refreshed"]);
    expect(events[1]).toMatchObject({ background: true });
  });

  it("keeps the old token after a failed background refresh and tries again later", async () => {
    const time = clock();
    const source = issuer(time, 600_000);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now, retryIntervalMs: 3_000 });
    await manager.getToken();
    time.advance(540_000);
    source.fail(1);
    expect(await manager.getToken()).toBe("token-1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.issued).toBe(1);
    time.advance(1_000); // within the retry interval: no new attempt
    expect(await manager.getToken()).toBe("token-1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.issued).toBe(1);
    time.advance(3_000);
    await manager.getToken();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.issued).toBe(2);
  });

  it("makes callers wait, and fail, once the token has really lapsed", async () => {
    const time = clock();
    const source = issuer(time, 60_000);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now });
    await manager.getToken();
    time.advance(60_000);
    source.fail(1);
    await expect(manager.getToken()).rejects.toThrow("token endpoint down");
    expect(await manager.getToken()).toBe("token-2");
  });

  it("never refreshes a token that does not expire", async () => {
    const time = clock();
    const source = issuer(time, null);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now });
    await manager.getToken();
    time.advance(10 * 365 * 24 * 3600 * 1000);
    expect(await manager.getToken()).toBe("token-1");
    expect(source.issued).toBe(1);
  });

  it("invalidates only the token that was refused", async () => {
    const time = clock();
    const source = issuer(time);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now });
    const first = await manager.getToken();
    await manager.invalidate(first);
    const second = await manager.getToken();
    expect(second).toBe("token-2");
    await Promise.all(Array.from({ length: 10 }, () => manager.invalidate(first)));
    expect(await manager.getToken()).toBe("token-2");
    expect(source.issued).toBe(2);
    await manager.invalidate();
    expect(await manager.getToken()).toBe("token-3");
  });

  it("shares tokens and the refresh between managers on one store", async () => {
    const time = clock();
    const source = issuer(time);
    const store = createMemoryTokenStore(time.now);
    const a = createTokenManager({ key, acquire: () => source.acquire(), now: time.now, store });
    const b = createTokenManager({ key, acquire: () => source.acquire(), now: time.now, store });
    const [x, y] = await Promise.all([a.getToken(), b.getToken()]);
    expect(x).toBe(y);
    expect(source.issued).toBe(1);
  });

  it("lets a caller stop waiting without cancelling the shared refresh", async () => {
    const time = clock();
    const source = issuer(time);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now });
    const controller = new AbortController();
    const waiting = manager.getToken({ signal: controller.signal });
    const other = manager.getToken();
    controller.abort(new Error("caller gave up"));
    await expect(waiting).rejects.toThrow("caller gave up");
    expect(await other).toBe("token-1");
  });
});

describe("createTokenManager with a shared store's lock", () => {
  it("takes a token another process stored while it waited, instead of refreshing again", async () => {
    const time = clock();
    const records = new Map<string, TokenRecord>();
    let locked = 0;
    const store = {
      get: (k: string) => records.get(k),
      set: (k: string, r: TokenRecord) => void records.set(k, r),
      delete: (k: string) => void records.delete(k),
      async lock() {
        locked++;
        // Another process refreshes while we wait for the lock.
        records.set("key", { accessToken: "from-other-process", tokenType: "bearer", issuedAt: time.now(), expiresAt: time.now() + 60_000 });
        return () => {};
      },
    };
    const source = issuer(time);
    const manager = createTokenManager({ key, acquire: () => source.acquire(), now: time.now, store });
    expect(await manager.getToken()).toBe("from-other-process");
    expect(source.issued).toBe(0);
    expect(locked).toBe(1);
  });
});
