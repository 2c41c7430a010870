// Slow enough that guessing a weak password from a key costs real work, cheap once per client.
const KEY_ITERATIONS = 100_000;

/**
 * A key derived from secret-bearing text (PBKDF2-SHA-256): equal inputs give equal keys in
 * every process, and a key read from a shared store does not give the secret away to a
 * dictionary run the way a plain hash would.
 */
export async function secretDigest(text: string, salt: string): Promise<string> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey("raw", encoder.encode(text), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: encoder.encode(salt), iterations: KEY_ITERATIONS }, material, 256);
  return [...new Uint8Array(bits)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
