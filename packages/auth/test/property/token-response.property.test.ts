import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createMemoryTokenStore,
  createOAuthTokenRequest,
  createRedactor,
  createTokenManager,
  type OAuthTokenRequestOptions,
  type SecfetchEvent,
  type TokenRecord,
} from "../../src/building-blocks.js";
import { basicValue, findLeaks } from "../support/leaks.js";
import { propertyRuns, propertyTimeout } from "../support/property-runs.js";

// Token endpoints answer anything: these properties feed every kind of answer through the
// token request and the token manager, with the innermost `send` injected (no sockets here).

const numRuns = propertyRuns();
const timeout = propertyTimeout(numRuns, 20);
const T0 = 1_750_000_000_000;
const HEADER_SAFE = /^[\x21-\x7E]+$/;

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const tokenChar = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=!#$%&'*^`|:;<>?@[]{}(),\\\"");
/** Header-safe token text of the shape real vendors issue. */
const goodToken = fc.string({ unit: tokenChar, minLength: 1, maxLength: 80 });
/** Characters that make secrets awkward for encoders and redactors. */
const secretChar = fc.constantFrom(..."abcXYZ019-_.~+/=%& :\"\\'<>é€😀");
const secretSuffix = fc.string({ unit: secretChar, minLength: 4, maxLength: 24 });

interface World {
  clientId: string;
  clientSecret: string;
  /** Recognisable token values planted in the answer; none of them may show in an error. */
  fakeAccess: string;
  fakeRefresh: string;
}

const world: fc.Arbitrary<World> = fc.record({
  clientId: fc.string({ unit: secretChar, minLength: 1, maxLength: 16 }).map((s) => `client-${s}`),
  clientSecret: secretSuffix.map((s) => `LEAK-SECRET-${s}`),
  fakeAccess: fc.string({ unit: fc.constantFrom(..."abcdefXYZ0123456789-_.~"), minLength: 6, maxLength: 40 }).map((s) => `LEAK-ACCESS-${s}`),
  fakeRefresh: fc.string({ unit: fc.constantFrom(..."abcdefXYZ0123456789-_.~"), minLength: 6, maxLength: 40 }).map((s) => `LEAK-REFRESH-${s}`),
});

/** A marker replaced by a raw JSON literal after `JSON.stringify`, for numbers JSON.stringify cannot write. */
const RAW = "\u0000raw\u0000";
const rawLiteral = fc.constantFrom("1e400", "-1e400", "-0", "1E3", "3600.000", "12345678901234567890", "1e-7", "0.0", "99999999999999999999999999999");

/** Anything a server might put in `expires_in`. */
const expiresIn = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 100_000 }),
  fc.integer({ min: -100_000, max: -1 }),
  fc.double({ noNaN: false }),
  fc.double({ min: 0, max: 10, noNaN: true }),
  fc.constantFrom(0, -0, 1, 3600, 2 ** 53, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, 1e21, 3.1536e9, 3.1536e9 - 1),
  fc.integer({ min: 0, max: 10 ** 12 }).map(String),
  fc.constantFrom("3600", " 3600 ", "3600.5", "1e3", "-5", "0x10", "", "soon", "Infinity", "NaN", "0", "000000000000001", "9999999999999999", "１２"),
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 16, maxLength: 40 }),
  rawLiteral.map((literal) => `${RAW}${literal}`),
  fc.constantFrom(null, true, false),
  fc.constant([3600]),
  fc.constant({ seconds: 3600 }),
);

const junk = fc.jsonValue({ maxDepth: 3 });

function accessTokenField(w: World) {
  return fc.oneof(
    { arbitrary: goodToken, weight: 4 },
    { arbitrary: fc.constant(w.fakeAccess), weight: 3 },
    { arbitrary: fc.constantFrom("", " ", "a b", "tok\r\nX-Evil: 1", "tök", "tab\there", "\u0000nul"), weight: 1 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: fc.integer({ min: 16_380, max: 16_390 }).map((n) => "A".repeat(n)), weight: 1 },
    { arbitrary: fc.constant(`${w.fakeAccess} ${w.clientSecret}`), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.array(goodToken, { maxLength: 3 }), fc.dictionary(fc.string(), junk, { maxKeys: 3 })), weight: 1 },
  );
}

const tokenType = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom("Bearer", "bearer", "BEARER", "MAC", "N_A", "", "DPoP"),
  fc.string(),
  fc.oneof(fc.integer(), fc.constant(null), fc.constant({ type: "bearer" }), fc.constant(["bearer"])),
);

function refreshTokenField(w: World) {
  return fc.oneof(fc.constant(undefined), fc.constant(w.fakeRefresh), fc.constantFrom("", null), fc.integer(), fc.constant([w.fakeRefresh]));
}

/** Ways a careless server echoes what it was sent, or what it issued, into an error text. */
function echo(w: World): fc.Arbitrary<string> {
  const basic = basicValue(w.clientId, w.clientSecret);
  return fc.constantFrom(
    `bad client secret ${w.clientSecret}`,
    `client_secret=${w.clientSecret}`,
    `client_secret=${encodeURIComponent(w.clientSecret)}`,
    `password: "${w.clientSecret}"`,
    `got Authorization: Basic ${basic}`,
    `access_token=${w.fakeAccess}`,
    `Bearer ${w.fakeAccess} is revoked`,
    `refresh_token: "${w.fakeRefresh}"`,
    `{"access_token":"${w.fakeAccess}","refresh_token":"${w.fakeRefresh}"}`,
    "nothing secret here",
  );
}

interface Answer {
  status: number;
  contentType: string | undefined;
  /** The body text as sent. */
  body: string;
  kind: string;
}

function stringifyWithRaw(value: unknown): string {
  // JSON.stringify writes the marker's NULs as \u0000; swap the quoted marker for the bare literal.
  return JSON.stringify(value).replace(/"\\u0000raw\\u0000([^"]*)"/g, "$1");
}

function answer(w: World): fc.Arbitrary<Answer> {
  const status = fc.oneof(
    { arbitrary: fc.constant(200), weight: 6 },
    { arbitrary: fc.constantFrom(201, 203), weight: 1 },
    { arbitrary: fc.constantFrom(400, 401, 403), weight: 2 },
    { arbitrary: fc.integer({ min: 400, max: 499 }), weight: 1 },
    { arbitrary: fc.integer({ min: 500, max: 599 }), weight: 2 },
  );
  const contentType = fc.constantFrom(undefined, "application/json", "application/json; charset=utf-8", "text/html", "text/plain");

  const tokenObject = fc
    .record(
      {
        access_token: accessTokenField(w),
        token_type: tokenType,
        expires_in: expiresIn,
        refresh_token: refreshTokenField(w),
        scope: fc.oneof(fc.constant(undefined), fc.string(), fc.integer(), fc.constant(["a", "b"])),
        error: fc.oneof(fc.constant(undefined), fc.constantFrom("invalid_client", "invalid_grant", "unsupported_grant_type", ""), fc.integer(), fc.constant({ code: "x" })),
        error_description: fc.oneof(fc.constant(undefined), echo(w), fc.string()),
        client_secret: fc.oneof(fc.constant(undefined), fc.constant(w.clientSecret)),
        nested: fc.oneof(fc.constant(undefined), junk, fc.constant({ deeper: [{ password: w.clientSecret, access_token: w.fakeAccess }] })),
      },
      { requiredKeys: [] },
    )
    .chain((fields) => fc.tuple(fc.constant(fields), fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 3 })))
    .map(([fields, extra]) => ({ ...extra, ...fields }));

  const body = fc.oneof(
    { arbitrary: tokenObject.map((object) => ({ kind: "token-object", body: stringifyWithRaw(object) })), weight: 10 },
    {
      arbitrary: fc
        .tuple(tokenObject, fc.integer({ min: 0, max: 1_000 }))
        .map(([object, cut]) => {
          const text = stringifyWithRaw(object);
          return { kind: "truncated-json", body: text.slice(0, Math.min(cut, Math.max(0, text.length - 1))) };
        }),
      weight: 2,
    },
    { arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ kind: "random-json", body: text })), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        "null",
        "[]",
        '"just a string"',
        "42",
        "true",
        `[{"access_token":"${w.fakeAccess}"}]`,
      ).map((text) => ({ kind: "json-non-object", body: text })),
      weight: 1,
    },
    {
      arbitrary: echo(w).map((said) => ({
        kind: "html",
        body: `<!doctype html><html><head><title>Error</title></head><body><h1>Oops</h1><p>${said}</p></body></html>`,
      })),
      weight: 2,
    },
    { arbitrary: fc.constant({ kind: "empty", body: "" }), weight: 1 },
    {
      arbitrary: fc.oneof(
        fc.integer({ min: 10_000, max: 200_000 }).map((n) => "x".repeat(n)),
        fc.constant(`{"error":"${"e".repeat(1_100_000)}","error_description":"${w.clientSecret}"}`),
        fc.constant(`{"access_token":"${"A".repeat(300_000)}"}`),
        fc.constant(`${"[".repeat(20_000)}${"]".repeat(20_000)}`),
      ).map((text) => ({ kind: "long", body: text })),
      weight: 1,
    },
    {
      arbitrary: fc
        .record({
          error: fc.oneof(fc.constantFrom("invalid_client", "invalid_grant", "access_denied"), fc.constant(`bad_${w.clientSecret}`)),
          error_description: echo(w),
          access_token: fc.constant(w.fakeAccess),
          refresh_token: fc.constant(w.fakeRefresh),
          client_secret: fc.constant(w.clientSecret),
          password: fc.constant(w.clientSecret),
          request: fc.constant({ headers: { authorization: `Basic ${basicValue(w.clientId, w.clientSecret)}` }, form: `client_secret=${w.clientSecret}` }),
        })
        .map((object) => ({ kind: "echo", body: JSON.stringify(object) })),
      weight: 3,
    },
  );

  return fc.record({ status, contentType, picked: body }).map(({ status: code, contentType: type, picked }) => ({
    status: code,
    contentType: type,
    body: picked.body,
    kind: picked.kind,
  }));
}

const scenario = world.chain((w) => fc.record({ world: fc.constant(w), answer: answer(w), clientAuth: fc.constantFrom<"basic" | "body">("basic", "body"), encoding: fc.constantFrom<"form" | "json">("form", "json") }));

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function respond(a: Answer): Response {
  return new Response(a.body, { status: a.status, headers: a.contentType ? { "content-type": a.contentType } : {} });
}

function tokenRequest(w: World, a: Answer, extra: Partial<OAuthTokenRequestOptions> & { clientAuth: "basic" | "body"; encoding: "form" | "json" }) {
  const redactor = createRedactor([w.clientSecret]);
  let calls = 0;
  const requestToken = createOAuthTokenRequest({
    url: "https://login.example.com/oauth/token",
    grant: "client_credentials",
    clientId: w.clientId,
    clientSecret: w.clientSecret,
    params: { scope: "read" },
    redactor,
    source: "@secfetch/property",
    now: () => T0,
    send: async () => {
      calls++;
      return respond(a);
    },
    ...extra,
  });
  return { requestToken, redactor, calls: () => calls };
}

/** The contract of a resolved record. */
function expectValidRecord(record: TokenRecord): void {
  expect(typeof record.accessToken).toBe("string");
  expect(record.accessToken.length).toBeGreaterThan(0);
  expect(record.accessToken).toMatch(HEADER_SAFE);
  // Header-safe for real: it survives a Headers round trip unchanged.
  expect(new Headers({ authorization: `Bearer ${record.accessToken}` }).get("authorization")).toBe(`Bearer ${record.accessToken}`);
  expect(record.issuedAt).toBe(T0);
  if (record.expiresAt !== null) {
    expect(Number.isFinite(record.expiresAt)).toBe(true);
    expect(record.expiresAt).toBeGreaterThanOrEqual(T0);
  }
  expect(typeof record.tokenType).toBe("string");
  if (record.refreshToken !== undefined) expect(typeof record.refreshToken === "string" && record.refreshToken.length > 0).toBe(true);
}

function expectNoLeak(values: readonly unknown[], w: World): void {
  const secrets = [w.clientSecret, basicValue(w.clientId, w.clientSecret), w.fakeAccess, w.fakeRefresh];
  expect(findLeaks(values, secrets)).toEqual([]);
}

async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe("token endpoint answers (property)", () => {
  it("createOAuthTokenRequest resolves a valid record or rejects with AuthenticationError that leaks nothing", async () => {
    const kinds = new Map<string, number>();
    let resolved = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ world: w, answer: a, clientAuth, encoding }) => {
        kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
        const { requestToken, calls } = tokenRequest(w, a, { clientAuth, encoding });
        const outcome = await settle(requestToken());
        expect(calls()).toBe(1);
        if (outcome.ok) {
          resolved++;
          // Only a 2xx answer can ever give a token.
          expect(a.status).toBeLessThan(300);
          expectValidRecord(outcome.value);
          return;
        }
        const error = outcome.error;
        expect(error).toBeInstanceOf(AuthenticationError);
        const auth = error as AuthenticationError;
        expect(auth.name).toBe("AuthenticationError");
        expect(auth.status).toBe(a.status);
        if (a.status < 300) expect(auth.code).toBe("invalid_token_response");
        expect(auth.message).toMatch(/Check|try again/);
        expectNoLeak([error], w);
      }),
      { numRuns },
    );
    // The generators reach every kind of answer, and some answers are accepted.
    expect([...kinds.keys()].sort()).toEqual(["echo", "empty", "html", "json-non-object", "long", "random-json", "token-object", "truncated-json"]);
    expect(resolved).toBeGreaterThan(numRuns / 50);
  }, timeout);

  it("a token manager over it caches only accepted answers, and neither its errors nor its events leak", async () => {
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ world: w, answer: a, clientAuth, encoding }) => {
        const { requestToken, redactor, calls } = tokenRequest(w, a, { clientAuth, encoding });
        const events: SecfetchEvent[] = [];
        const manager = createTokenManager({
          key: async () => "key",
          acquire: () => requestToken(),
          store: createMemoryTokenStore(() => T0),
          onEvent: (event) => events.push(event),
          onRecord: (record) => redactor.add(record.accessToken, record.refreshToken),
          now: () => T0,
        });

        const first = await settle(manager.getToken());
        expect(calls()).toBe(1);
        const second = await settle(manager.getToken());

        if (!first.ok) {
          rejected++;
          expect(first.error).toBeInstanceOf(AuthenticationError);
          // (b) A refusal is never cached: the next call asks the endpoint again, and fails the same way.
          expect(calls()).toBe(2);
          expect(second.ok).toBe(false);
          if (!second.ok) expect(second.error).toBeInstanceOf(AuthenticationError);
          expect(events.map((event) => event.type)).toEqual(["token.failed", "token.failed"]);
          for (const event of events) {
            if (event.type === "token.failed") expect(event.error).toMatchObject({ name: "AuthenticationError", status: a.status });
          }
          // (c) Nothing secret in the errors or the events.
          expectNoLeak([first.error, second.ok ? undefined : second.error, ...events], w);
          return;
        }

        // An accepted answer is served from the cache while it is fresh; with this frozen clock
        // that is whenever its lifetime is more than zero (or it never expires).
        const record = await manager.getRecord();
        expectValidRecord(record);
        expect(second).toEqual({ ok: true, value: first.value });
        const lifetime = record.expiresAt === null ? Infinity : record.expiresAt - record.issuedAt;
        expect(calls()).toBe(lifetime > 0 ? 1 : 3);
        expect(events[0]).toMatchObject({ type: "token.issued" });
        expectNoLeak(events, w);
      }),
      { numRuns },
    );
    expect(rejected).toBeGreaterThan(numRuns / 4);
  }, timeout);
});

// Found while writing the properties above. Both values are ones the engine knows when it builds
// the error: it sent the Basic credential itself, and it reads the tokens out of the body under
// `access_token` / `refresh_token` (it already blanks those keys in `error.body`). Yet echoed
// bare in `error_description`, they reach `error.message`.
describe("token endpoint answers that echo what the engine knows (property)", () => {
  it("never shows the Basic credential it sent, echoed bare by the server", async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.constantFrom(400, 401, 403, 500), async (w, status) => {
        const body = { error: "invalid_client", error_description: `bad credentials ${basicValue(w.clientId, w.clientSecret)}` };
        const a: Answer = { status, contentType: "application/json", body: JSON.stringify(body), kind: "echo" };
        const error = await tokenRequest(w, a, { clientAuth: "basic", encoding: "form" }).requestToken().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AuthenticationError);
        expectNoLeak([error], w);
      }),
      { numRuns },
    );
  });

  it("never shows an access or refresh token of a refused answer, echoed bare in its description", async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.constantFrom(400, 401, 403, 500), fc.constantFrom("access", "refresh"), async (w, status, which) => {
        const token = which === "access" ? w.fakeAccess : w.fakeRefresh;
        const body = { error: "invalid_grant", error_description: `token ${token} was revoked`, access_token: w.fakeAccess, refresh_token: w.fakeRefresh };
        const a: Answer = { status, contentType: "application/json", body: JSON.stringify(body), kind: "echo" };
        const error = await tokenRequest(w, a, { clientAuth: "basic", encoding: "form" }).requestToken().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AuthenticationError);
        expectNoLeak([error], w);
      }),
      { numRuns },
    );
  });
});
