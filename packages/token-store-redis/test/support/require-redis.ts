import { hasRedisServer } from "../../src/testing.js";

/**
 * Locally, tests without `redis-server` skip with a loud message; in CI they must run, so a
 * missing server fails the run instead of passing it quietly.
 */
export function requireRedisOrSkip(): boolean {
  if (hasRedisServer()) return true;
  const message = "redis-server is not installed: the Redis token store tests need it (Debian/Ubuntu: sudo apt-get install -y redis-server).";
  if (process.env.CI) throw new Error(message);
  console.warn(`\n${"!".repeat(100)}\n  SKIPPED: ${message}\n${"!".repeat(100)}\n`);
  return false;
}
