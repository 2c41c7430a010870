import { randomBytes, randomUUID } from "node:crypto";
import { createClient } from "@redis/client";
import { ConfigurationError, type StoredRecord, type TokenRecord } from "@secfetch/auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedisTokenStore, type RedisTokenStore, type RedisTokenStoreOptions } from "../src/index.js";
import { startRedisServer, type RedisServer } from "../src/testing.js";
import { requireRedisOrSkip } from "./support/require-redis.js";

const token = (extra: Partial<TokenRecord> = {}): TokenRecord => ({
  accessToken: `at-${randomUUID()}`,
  tokenType: "bearer",
  expiresAt: Date.now() + 60_000,
  issuedAt: Date.now(),
  ...extra,
});

describe("createRedisTokenStore options", () => {
  const refused = (options: unknown) => {
    try {
      createRedisTokenStore(options as RedisTokenStoreOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return error as ConfigurationError;
    }
    return expect.fail("the options were accepted");
  };

  it("wants exactly one of url and client", () => {
    expect(refused({}).option).toBe("url");
    expect(refused({ url: "redis://127.0.0.1:6379", client: createClient() }).message).toMatch(/exactly one of `url` and `client`/);
    expect(refused({ client: {} }).option).toBe("client");
  });

  it("refuses a URL that is not redis:// without repeating the password in it", () => {
    const error = refused({ url: "https://admin:hunter2%21@redis.internal:6379" });
    expect(error.option).toBe("url");
    expect(`${error.message} ${JSON.stringify(error)}`).not.toMatch(/hunter2|admin/);
    expect(refused({ url: "not a url" }).option).toBe("url");
  });

  it("wants a 32-byte encryption key and never shows what was given", () => {
    const short = randomBytes(16).toString("base64");
    const error = refused({ url: "redis://127.0.0.1:6379", encryptionKey: short });
    expect(error.option).toBe("encryptionKey");
    expect(error.message).not.toContain(short);
    expect(error.message).toMatch(/openssl rand -base64 32/);
    expect(refused({ url: "redis://127.0.0.1:6379", encryptionKey: "correct horse battery staple!!!!" }).option).toBe("encryptionKey");
    expect(() => createRedisTokenStore({ url: "redis://127.0.0.1:6379", encryptionKey: randomBytes(32) })).not.toThrow();
  });

  it.each([
    ["commandTimeoutMs", 0],
    ["commandTimeoutMs", 60_001],
    ["lockLeaseMs", 99],
    ["lockPollMs", 1.5],
    ["lockPollMs", Number.NaN],
  ])("refuses %s: %s", (option, value) => {
    expect(refused({ url: "redis://127.0.0.1:6379", [option]: value }).option).toBe(option);
  });
});

describe.skipIf(!requireRedisOrSkip())("the Redis token store on a real server", () => {
  let redis: RedisServer;
  let raw: ReturnType<typeof createClient>;
  let keyPrefix = "";
  const open: RedisTokenStore[] = [];
  const store = (extra: Partial<RedisTokenStoreOptions> = {}) => {
    const made = createRedisTokenStore({ url: redis.url, keyPrefix, ...extra });
    open.push(made);
    return made;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    raw = createClient({ url: redis.url });
    await raw.connect();
  });
  afterAll(async () => {
    await Promise.all(open.map((each) => each.close()));
    await raw?.close();
    await redis?.stop();
  });
  beforeEach(() => {
    keyPrefix = `unit-${randomUUID()}:`;
  });

  it("keeps a token for its lifetime, a refresh token with no expiry, and a session", async () => {
    const tokens = store();
    const shortLived = token();
    await tokens.set("a", shortLived, 30_000);
    expect(await tokens.get("a")).toEqual(shortLived);
    const ttl = await raw.pTTL(`${keyPrefix}record:a`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);

    const refreshable = token({ refreshToken: "rt-1" });
    await tokens.set("b", refreshable, undefined);
    expect(await tokens.get("b")).toEqual(refreshable);
    expect(await raw.pTTL(`${keyPrefix}record:b`)).toBe(-1);

    const session: StoredRecord = { kind: "session", values: { session: "JSESSIONID-1", csrf: "csrf-1" }, issuedAt: Date.now() };
    await tokens.set("c", session, undefined);
    expect(await tokens.get("c")).toEqual(session);

    await tokens.set("a", shortLived, 0);
    await tokens.delete("b");
    expect([await tokens.get("a"), await tokens.get("b"), await tokens.get("missing")]).toEqual([undefined, undefined, undefined]);
  });

  it("reads a value it did not write as no value", async () => {
    const tokens = store();
    const huge = JSON.stringify({ ...token(), scope: "x".repeat(1024 * 1024) });
    for (const value of ["not json", "[]", '{"accessToken":5}', '{"kind":"session","values":{"a":1},"issuedAt":1}', huge]) {
      await raw.set(`${keyPrefix}record:odd`, value);
      expect(await tokens.get("odd")).toBeUndefined();
    }
  });

  describe("with an encryption key", () => {
    const key = randomBytes(32).toString("base64");

    it("stores no token readable in Redis and names keys with an HMAC of the identity", async () => {
      const sealed = store({ encryptionKey: key });
      const record = token({ refreshToken: `rt-${randomUUID()}` });
      const identity = JSON.stringify(["vendor", "client-id", "client-secret"]);
      const name = await (sealed.deriveKey as (identity: string) => Promise<string>)(identity);
      expect(name).toMatch(/^[0-9a-f]{64}$/);
      await sealed.set(name, record, 30_000);
      const value = (await raw.get(`${keyPrefix}record:${name}`))!;
      expect(value).toMatch(/^s1\./);
      expect(value).not.toContain(record.accessToken);
      expect(value).not.toContain(record.refreshToken);
      // Another worker with the same key reads it.
      expect(await store({ encryptionKey: key }).get(name)).toEqual(record);
    });

    it("opens nothing that was tampered with, moved to another key, sealed with another key, or left plain", async () => {
      const sealed = store({ encryptionKey: key });
      await sealed.set("mine", token(), 30_000);
      const value = (await raw.get(`${keyPrefix}record:mine`))!;

      const flipped = value.slice(0, -3) + (value.at(-3) === "A" ? "B" : "A") + value.slice(-2);
      await raw.set(`${keyPrefix}record:tampered`, flipped);
      await raw.set(`${keyPrefix}record:theirs`, value);
      await raw.set(`${keyPrefix}record:plain`, JSON.stringify(token()));
      expect(await sealed.get("tampered")).toBeUndefined();
      expect(await sealed.get("theirs")).toBeUndefined();
      expect(await sealed.get("plain")).toBeUndefined();
      expect(await store({ encryptionKey: randomBytes(32) }).get("mine")).toBeUndefined();
      expect(await store().get("mine")).toBeUndefined();
    });
  });

  describe("lock", () => {
    it("lets one holder in at a time and the next in when it is freed", async () => {
      const [one, two] = [store({ lockPollMs: 5 }), store({ lockPollMs: 5 })];
      const order: string[] = [];
      const release = await one.lock("k", 10_000);
      const waiting = two.lock("k", 10_000).then((free) => {
        order.push("two in");
        return free;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push("one out");
      await release();
      await (await waiting)();
      expect(order).toEqual(["one out", "two in"]);
    });

    it("is kept past its lease while its holder lives, up to the time asked for", async () => {
      const [one, two] = [store({ lockLeaseMs: 200 }), store({ lockLeaseMs: 200, lockPollMs: 10 })];
      const release = await one.lock("k", 10_000);
      const taken = await Promise.race([two.lock("k", 10_000).then(() => "taken"), new Promise((resolve) => setTimeout(() => resolve("still held"), 800))]);
      expect(taken).toBe("still held");
      await release();
    });

    it("frees itself a lease after its holder stops renewing, and a late release does not free the next holder's", async () => {
      const [one, two] = [store({ lockLeaseMs: 200 }), store({ lockLeaseMs: 200, lockPollMs: 10 })];
      // Asked for 200 ms: the holder stops renewing then, as if it had died.
      const late = await one.lock("k", 200);
      const started = Date.now();
      const release = await two.lock("k", 10_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      await late();
      expect(await raw.get(`${keyPrefix}lock:k`)).not.toBeNull();
      await release();
      expect(await raw.get(`${keyPrefix}lock:k`)).toBeNull();
    });
  });

  it("works on a node-redis client you made, and leaves it open when closed", async () => {
    const client = createClient({ url: redis.url });
    const tokens = createRedisTokenStore({ client, keyPrefix });
    const record = token();
    await tokens.set("x", record, 10_000);
    expect(await tokens.get("x")).toEqual(record);
    await tokens.close();
    expect(client.isOpen).toBe(true);
    await client.close();
  });
});
