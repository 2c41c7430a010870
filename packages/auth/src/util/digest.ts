// Slow enough that guessing a weak password from a key costs real work, cheap once per client.
const KEY_ITERATIONS = 100_000;

import type { TokenStore } from "../store/token-store.js";

/** The cache key for a credential's identity, made the way its store asks (see `TokenStore.deriveKey`). */
export function deriveCacheKey(store: TokenStore | undefined, identity: string, salt: string): Promise<string> {
  const derive = store?.deriveKey ?? (store ? undefined : "in-process");
  if (derive === "in-process") return fastDigest(identity);
  if (typeof derive === "function") return derive(identity);
  return secretDigest(identity, salt);
}

/** SHA-256, hex: for keys that stay in this process. */
async function fastDigest(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

const hex = (bits: ArrayBuffer) => [...new Uint8Array(bits)].map((byte) => byte.toString(16).padStart(2, "0")).join("");

/**
 * A key derived from secret-bearing text (PBKDF2-SHA-256): equal inputs give equal keys in
 * every process, and a key read from a shared store does not give the secret away to a
 * dictionary run the way a plain hash would.
 */
export async function secretDigest(text: string, salt: string): Promise<string> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey("raw", encoder.encode(text), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: encoder.encode(salt), iterations: KEY_ITERATIONS }, material, 256);
  return hex(bits);
}
