import { createClient } from "@redis/client";
import { ConfigurationError, type StoredRecord, type TokenStore } from "@secfetch/auth";
import { createLock, type Command } from "./redis-lock.js";
import { plainValues, readEncryptionKey, sealedValues } from "./sealed-values.js";

/** What the store needs of a Redis client: node-redis's `createClient()` result fits. */
export interface RedisConnection {
  readonly isOpen: boolean;
  /** Connected and past its handshake: commands go out now. */
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
  on(event: "error", listener: (error: Error) => void): unknown;
}

export interface RedisTokenStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). The store makes, connects and closes its own client. */
  url?: string | undefined;
  /** Or a node-redis client you made (`createClient(…)`); the store connects it if needed and never closes it. */
  client?: RedisConnection | undefined;
  /** Put before every key the store writes. Default `secfetch:`. */
  keyPrefix?: string | undefined;
  /**
   * A 32-byte key (raw bytes, or base64 as `openssl rand -base64 32` prints) that every worker
   * shares: values are sealed with AES-256-GCM and key names made with an HMAC, so whoever can
   * read Redis reads no token. Without it values are plain JSON. Changing it starts afresh:
   * each credential signs in once more.
   */
  encryptionKey?: string | Uint8Array | undefined;
  /** How long a command may take before Redis counts as away and the client goes on alone. Default `1000`. */
  commandTimeoutMs?: number | undefined;
  /** How long a sign-in lock outlives a worker that died holding it. Default `10000`. */
  lockLeaseMs?: number | undefined;
  /** How often a worker waiting for another's sign-in looks again. Default `50`. */
  lockPollMs?: number | undefined;
}

export interface RedisTokenStore extends TokenStore {
  lock(key: string, ttlMs: number): Promise<() => Promise<void>>;
  /** Closes the client the store made from `url` (a client you passed stays open). */
  close(): Promise<void>;
}

const SOURCE = "@secfetch/token-store-redis";
// A token record is a few kB at most; anything far larger under our key was not written by us.
const MAX_VALUE_CHARS = 256 * 1024;

/**
 * A token store on Redis: the workers of a fleet share each credential's token, refresh token
 * and session, and exactly one of them signs in or refreshes while the others wait for its
 * result. When Redis is away each client goes on with what it holds (the engine's guard).
 */
export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  const settings = readOptions(options);
  const owned = options.client === undefined;
  const client: RedisConnection =
    options.client ??
    createClient({
      url: settings.url,
      // Commands while Redis is away fail at once instead of queueing: the engine then goes on alone.
      disableOfflineQueue: true,
      socket: { connectTimeout: settings.commandTimeoutMs },
    });
  client.on("error", () => {
    // Connection errors reach callers as failed commands; an unheard "error" would crash the process.
  });

  // The first connection, which every command waits for (up to the command timeout) rather than
  // failing while it is under way. Once made, a lost connection is the client's to remake.
  let connecting: Promise<unknown> | undefined;
  const command: Command = async (args) => {
    if (!client.isReady) {
      if (!client.isOpen) {
        connecting = client.connect().catch(() => {
          // The command below fails and says why; the next one tries to connect again.
        });
      }
      if (connecting) await withTimeout(connecting, settings.commandTimeoutMs);
    }
    return client.sendCommand(args, { timeout: settings.commandTimeoutMs });
  };

  const codec = settings.encryptionKey ? sealedValues(settings.encryptionKey) : plainValues;
  const name = (kind: "record" | "lock", key: string) => `${settings.keyPrefix}${kind}:${key}`;
  const lock = createLock(command, { leaseMs: settings.lockLeaseMs, pollMs: settings.lockPollMs });

  return {
    ...(codec.deriveKey ? { deriveKey: codec.deriveKey } : {}),
    async get(key) {
      // STRLEN first: a huge value planted under the key is never pulled into this process.
      const target = name("record", key);
      const [length, value] = (await command(["EVAL", READ_BOUNDED, "1", target, String(MAX_VALUE_CHARS)])) as [number, string | null];
      return typeof value === "string" && length <= MAX_VALUE_CHARS ? codec.decode(target, value) : undefined;
    },
    async set(key: string, record: StoredRecord, ttlMs: number | undefined) {
      const target = name("record", key);
      if (ttlMs !== undefined && ttlMs < 1) {
        await command(["DEL", target]);
        return;
      }
      const value = codec.encode(target, record);
      await command(ttlMs === undefined ? ["SET", target, value] : ["SET", target, value, "PX", String(Math.ceil(ttlMs))]);
    },
    async delete(key) {
      await command(["DEL", name("record", key)]);
    },
    lock: (key, ttlMs) => lock(name("lock", key), ttlMs),
    async close() {
      if (owned && client.isOpen) await (client as ReturnType<typeof createClient>).close();
    },
  };
}

// One round trip: the value only when it is no longer than ARGV[1].
const READ_BOUNDED = `local n = redis.call("strlen", KEYS[1]) if n > tonumber(ARGV[1]) then return {n, false} end return {n, redis.call("get", KEYS[1])}`;

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not connect within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

interface Settings {
  url: string | undefined;
  keyPrefix: string;
  encryptionKey: Uint8Array | undefined;
  commandTimeoutMs: number;
  lockLeaseMs: number;
  lockPollMs: number;
}

function readOptions(options: RedisTokenStoreOptions): Settings {
  const fail = (option: string, message: string, hint: string): never => {
    throw new ConfigurationError(`${SOURCE}: ${message}`, { option, hint });
  };
  if (options === null || typeof options !== "object") fail("options", "createRedisTokenStore takes an options object.", "Pass { url: process.env.REDIS_URL } or { client }.");
  const { url, client } = options;
  if ((url === undefined) === (client === undefined)) {
    fail(url === undefined ? "url" : "client", "give exactly one of `url` and `client`.", "Pass { url: \"redis://host:6379\" }, or a node-redis client you made as { client }.");
  }
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = typeof url === "string" ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    // The URL may hold a password: never repeat it.
    if (!parsed || !["redis:", "rediss:"].includes(parsed.protocol)) fail("url", "`url` is not a redis:// or rediss:// URL.", "Use the form redis://[user:password@]host:port[/db], or rediss:// for TLS.");
  }
  if (client !== undefined && (typeof client !== "object" || client === null || typeof client.sendCommand !== "function" || typeof client.connect !== "function")) {
    fail("client", "`client` is not a node-redis client.", "Pass the result of createClient() from the redis or @redis/client package.");
  }
  const keyPrefix = options.keyPrefix ?? "secfetch:";
  if (typeof keyPrefix !== "string" || keyPrefix.length > 256) fail("keyPrefix", "`keyPrefix` must be a string of at most 256 characters.", "Use a short namespace such as \"secfetch:\" or \"collector-a:\".");
  let encryptionKey: Uint8Array | undefined;
  if (options.encryptionKey !== undefined) {
    const given = options.encryptionKey;
    encryptionKey = typeof given === "string" || given instanceof Uint8Array ? readEncryptionKey(given) : undefined;
    // Never the key itself, nor its length (which says how much of it was typed).
    if (!encryptionKey) fail("encryptionKey", "`encryptionKey` must be 32 bytes, or their base64.", "Make one with `openssl rand -base64 32` and give every worker the same value.");
  }
  const whole = (option: keyof RedisTokenStoreOptions, fallback: number, min: number, max: number): number => {
    const value = options[option] ?? fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      fail(option, `\`${option}\` must be a whole number of milliseconds from ${min} to ${max}.`, `Leave it out for ${fallback}.`);
    }
    return value as number;
  };
  return {
    url: typeof url === "string" ? url : undefined,
    keyPrefix,
    encryptionKey,
    commandTimeoutMs: whole("commandTimeoutMs", 1000, 1, 60_000),
    lockLeaseMs: whole("lockLeaseMs", 10_000, 100, 600_000),
    lockPollMs: whole("lockPollMs", 50, 1, 10_000),
  };
}
