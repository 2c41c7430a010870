import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { StoredRecord } from "@secfetch/auth";

const SEALED = "s1.";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** How records become Redis values and back, and how identities become key names. */
export interface ValueCodec {
  encode(name: string, record: StoredRecord): string;
  /** `undefined` for a value that is not a record this codec wrote (tampered, another key, garbage). */
  decode(name: string, value: string): StoredRecord | undefined;
  /** Key names from identities, when the codec holds a secret to make them with. */
  deriveKey?: (identity: string) => Promise<string>;
}

/** Values as plain JSON: anyone who can read the Redis keys can read the tokens. */
export const plainValues: ValueCodec = {
  encode: (_name, record) => JSON.stringify(record),
  decode: (_name, value) => (value.startsWith(SEALED) ? undefined : parseRecord(value)),
};

/**
 * Values sealed with AES-256-GCM under a key the fleet shares (and Redis never sees), bound to
 * their key name so a value copied under another credential's name does not open. The same key
 * names records with an HMAC of the credential's identity: fast, and no dictionary run against
 * the names without the key.
 */
export function sealedValues(key: Uint8Array): ValueCodec {
  const expand = (purpose: string, length: number) => Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), `secfetch token store ${purpose}`, length));
  const valueKey = expand("values", KEY_BYTES);
  const nameKey = expand("names", KEY_BYTES);
  // Which key sealed a value: a fleet that changed keys reads old values as absent, not as errors.
  const keyId = expand("key id", 4).toString("hex");
  const prefix = `${SEALED}${keyId}.`;

  return {
    encode(name, record) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", valueKey, iv);
      cipher.setAAD(Buffer.from(name));
      const sealed = Buffer.concat([cipher.update(JSON.stringify(record), "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${prefix}${iv.toString("base64url")}.${sealed.toString("base64url")}`;
    },
    decode(name, value) {
      if (!value.startsWith(prefix)) return undefined;
      const [iv = "", sealed = ""] = value.slice(prefix.length).split(".");
      const bytes = Buffer.from(sealed, "base64url");
      if (bytes.length <= TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv("aes-256-gcm", valueKey, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(name));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const text = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
        return parseRecord(text);
      } catch {
        return undefined;
      }
    },
    deriveKey: (identity) => Promise.resolve(createHmac("sha256", nameKey).update(identity).digest("hex")),
  };
}

/** A record as the engine wrote it, or `undefined`: a malformed value is read as no value. */
function parseRecord(text: string): StoredRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  if (record.kind === "session") {
    const values = record.values;
    if (values === null || typeof values !== "object" || !Object.values(values).every((item) => typeof item === "string")) return undefined;
    return typeof record.issuedAt === "number" ? (record as unknown as StoredRecord) : undefined;
  }
  const token =
    typeof record.accessToken === "string" &&
    typeof record.tokenType === "string" &&
    (record.expiresAt === null || typeof record.expiresAt === "number") &&
    typeof record.issuedAt === "number" &&
    (record.refreshToken === undefined || typeof record.refreshToken === "string");
  return token ? (record as unknown as StoredRecord) : undefined;
}

/** The user's key as bytes: 32 raw bytes, or their base64 (`openssl rand -base64 32`). */
export function readEncryptionKey(key: string | Uint8Array): Uint8Array | undefined {
  const bytes = typeof key === "string" ? (/^[A-Za-z0-9+/_-]+={0,2}$/.test(key.trim()) ? Buffer.from(key.trim(), "base64") : undefined) : key;
  return bytes?.length === KEY_BYTES ? bytes : undefined;
}
