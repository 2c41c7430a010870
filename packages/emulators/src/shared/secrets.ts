import { createHash, timingSafeEqual } from "node:crypto";

/** SHA-256 of a secret: a fixed-length stand-in to compare or to name it by, never the secret. */
export function secretDigest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(secretDigest(given), secretDigest(expected));
}
