import {
  FORTIAUTHENTICATOR_DEMO as DEMO,
  startFortiAuthenticatorEmulator,
  type FortiAuthenticatorEmulator,
  type FortiAuthenticatorEmulatorOptions,
} from "@secfetch/emulators";
import { onTestFinished } from "vitest";
import type { SecfetchEvent, TokenRecord, TokenStore } from "@secfetch/auth";
import { createFortiAuthenticatorClient, createMemoryTokenStore } from "../src/index.js";

export { DEMO };

export const TOKEN_ROUTE = "POST /api/v1/oauth/token/";
export const POLL_ROUTE = "GET /api/v1/pushpoll/";

/**
 * An emulator that is closed when the current test ends, whatever its outcome. Concurrent tests
 * must pass their own test context: the global hook cannot tell which test is current.
 */
export async function startEmulator(
  options: FortiAuthenticatorEmulatorOptions = {},
  context: { onTestFinished: typeof onTestFinished } = { onTestFinished },
): Promise<FortiAuthenticatorEmulator> {
  const emulator = await startFortiAuthenticatorEmulator(options);
  context.onTestFinished(() => emulator.close());
  return emulator;
}

/** The JSON bodies of every token request the emulator received, oldest first. */
export function tokenBodies(emulator: FortiAuthenticatorEmulator): Array<Record<string, string>> {
  return emulator.requests.filter((request) => request.route === TOKEN_ROUTE).map((request) => JSON.parse(request.body) as Record<string, string>);
}

/**
 * Signs alice in with a throwaway client and returns the refresh token the appliance issued:
 * what a user would have saved from an earlier sign-in.
 */
export async function mintRefreshToken(emulator: FortiAuthenticatorEmulator): Promise<string> {
  const store = recordingStore();
  const client = createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, ...DEMO.confidentialApp, username: DEMO.users.plain, password: DEMO.password, tokenStore: store });
  await client.auth.getToken();
  const refreshToken = store.written[0]?.refreshToken;
  if (!refreshToken) throw new Error("the sign-in returned no refresh token");
  return refreshToken;
}

/** A memory token store that also remembers every record written to it. */
export function recordingStore(): TokenStore & { written: TokenRecord[] } {
  const inner = createMemoryTokenStore();
  const written: TokenRecord[] = [];
  return {
    written,
    get: (key) => inner.get(key),
    set(key, record, ttlMs) {
      if (!("kind" in record)) written.push(record);
      return inner.set(key, record, ttlMs);
    },
    delete: (key) => inner.delete(key),
  };
}

/** Every credential-like value the emulator saw: tokens, codes, push sessions, secrets. */
export function secretsSeen(emulator: FortiAuthenticatorEmulator): string[] {
  const found = new Set<string>([DEMO.password, DEMO.confidentialApp.clientSecret, DEMO.admin.accessKey]);
  for (const request of emulator.requests) {
    const authorization = request.headers.authorization;
    if (authorization) {
      const credential = authorization.replace(/^\S+\s+/, "");
      found.add(credential);
      if (/^Basic /i.test(authorization)) found.add(Buffer.from(credential, "base64").toString("utf8"));
    }
    if (request.route === TOKEN_ROUTE) {
      const body = JSON.parse(request.body) as Record<string, string>;
      for (const name of ["password", "client_secret", "refresh_token", "code", "challenge_response", "session"]) {
        if (body[name]) found.add(body[name]);
      }
    }
    const session = request.query.s;
    if (typeof session === "string") found.add(session);
  }
  return [...found];
}

const PER_CALL = new Set<SecfetchEvent["type"]>(["request.completed", "request.failed", "page.fetched"]);

/** The sign-in, retry and replay events, in order: the story a test tells, without the one event per call and page. */
export function lifecycle(events: readonly SecfetchEvent[]): SecfetchEvent[] {
  return events.filter((event) => !PER_CALL.has(event.type));
}
