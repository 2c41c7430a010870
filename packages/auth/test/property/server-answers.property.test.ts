import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createDiscoveryStep,
  createHostTrust,
  createPager,
  createRedactor,
  createSessionHandshake,
  type PaginationDeclaration,
} from "../../src/building-blocks.js";
import { propertyRuns, propertyTimeout } from "../support/property-runs.js";

// Servers answer anything: page envelopes and cursors, identity answers, session handshakes.
// Whatever comes, the engine returns a well-formed result or a typed error, never a raw
// TypeError, never a request to another host, and never a secret in the error.

const numRuns = Math.max(100, Math.floor(propertyRuns() / 4));
const timeout = propertyTimeout(numRuns, 10);

/** Any JSON value, with the awkward strings servers send (line breaks, URLs to other hosts, huge numbers). */
const awkwardString = fc.oneof(
  fc.string(),
  fc.constantFrom("", "\r\n", "a\nb", "https://evil.example/steal?x=1", "//evil.example/x", "/next?page=2", "e30=", "null", "-1", "1e400", "\u0000", "é€😀"),
);
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    awkwardString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("items", "objects", "meta", "next", "pages", "nextKey", "total", "data", "next_cursor", "has_more", "Resources", "totalResults", "nextPath", "id"), tie("value"), { maxKeys: 5 }),
  ),
})).value;

const SCHEMES: PaginationDeclaration[] = [
  { scheme: "next-path", items: "/resources", next: "/nextPath" },
  { scheme: "page-number", items: "/items", param: "page", total: "/pages/total" },
  { scheme: "key", items: "/items", param: "pageFromKey", next: "/pages/nextKey" },
  { scheme: "cursor", items: "/items", param: "cursor", next: "/next_cursor", more: "/has_more" },
  { scheme: "offset-next", items: "/objects", next: "/meta/next" },
  { scheme: "page-token", items: "/data", param: "nextpagetoken", next: "/nextpagetoken", replaces: "since" },
  { scheme: "start-index", items: "/Resources", param: "startIndex", total: "/totalResults" },
];

describe("page envelopes and cursors (property)", () => {
  it.each(SCHEMES.map((declaration) => [declaration.scheme, declaration] as const))(
    "%s: any body gives items and a next request on the same path, or a page-shape error, never anything else",
    (_scheme, declaration) => {
      const pager = createPager(declaration);
      fc.assert(
        fc.property(json, (body) => {
          const current = { path: "/things", query: { since: "2024-01-01T00:00:00Z" } };
          let items: unknown[];
          try {
            items = pager.items(body);
          } catch (error) {
            expect((error as Error).constructor.name).toBe("PageShapeError");
            return;
          }
          expect(Array.isArray(items)).toBe(true);
          const next = pager.next(body, current, items);
          if (next === null) return;
          // A server's next link may name a path, never a host: the client keeps its own.
          expect(typeof next.path).toBe("string");
          expect(next.path.startsWith("/")).toBe(true);
          expect(next.path).not.toMatch(/^\/\//);
          expect(next.query).toBeTypeOf("object");
        }),
        { numRuns },
      );
    },
    timeout,
  );
});

const trustedApiHosts = createHostTrust(["*.central.example"], new URL("https://api.central.example"), undefined);

describe("identity answers (property)", () => {
  it("any whoami body is an identity with header-safe values on a trusted host, or an AuthenticationError", async () => {
    await fc.assert(
      fc.asyncProperty(json, fc.constantFrom(200, 401, 403, 500), async (body, status) => {
        const discover = createDiscoveryStep({
          declaration: {
            request: { method: "GET", url: "{baseUrl}/whoami" },
            by: "/idType",
            cases: { tenant: { baseUrl: "/apiHosts/dataRegion", headers: { "X-Tenant-ID": "/id" } }, partner: { headers: { "X-Partner-ID": "/id" } } },
            trustHosts: ["*.central.example"],
          },
          values: { baseUrl: "https://api.central.example" },
          applyHeaders: { Authorization: "Bearer {accessToken}" },
          send: async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
          trust: trustedApiHosts,
          redactor: createRedactor(["ACCESS-TOKEN-SECRET-123"]),
          source: "@secfetch/test",
        });
        try {
          const identity = await discover("ACCESS-TOKEN-SECRET-123");
          for (const value of Object.values(identity.headers)) expect(value).not.toMatch(/[\r\n\0]/);
          if (identity.baseUrl !== undefined) expect(new URL(identity.baseUrl).host.endsWith(".central.example")).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthenticationError);
          expect(JSON.stringify(error) + (error as Error).message).not.toContain("ACCESS-TOKEN-SECRET-123");
        }
      }),
      { numRuns },
    );
  }, timeout);

  it("a tenant id with a line break is refused, not set as a header", async () => {
    const discover = createDiscoveryStep({
      declaration: { request: { url: "{baseUrl}/whoami" }, by: "/idType", cases: { tenant: { headers: { "X-Tenant-ID": "/id" } } } },
      values: { baseUrl: "https://api.central.example" },
      applyHeaders: {},
      send: async () => Response.json({ idType: "tenant", id: "abc\r\nX-Evil: 1" }),
      trust: trustedApiHosts,
      redactor: createRedactor([]),
      source: "@secfetch/test",
    });
    await expect(discover("t")).rejects.toMatchObject({ name: "AuthenticationError", code: "identity_malformed" });
  });
});

describe("session handshakes (property)", () => {
  it("any handshake answer gives header-safe session values, or an AuthenticationError without them", async () => {
    const headerValue = fc.string({ unit: fc.constantFrom(..."abcXYZ0129-_=/+ .;:é"), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(json, fc.option(headerValue), fc.option(headerValue), fc.constantFrom(200, 401, 500), async (body, csrf, cookie, status) => {
        const headers = new Headers({ "content-type": "application/json" });
        if (csrf !== null) headers.set("X-CSRF-TOKEN", csrf);
        if (cookie !== null) headers.append("set-cookie", `JSESSIONID=${cookie}; Path=/; HttpOnly`);
        const handshake = createSessionHandshake({
          declaration: {
            steps: [{ request: { method: "GET", url: "{baseUrl}/token" }, capture: { session: ["cookie:JSESSIONID", "body:/xAuthToken", "body:/token"], csrf: "header:X-CSRF-TOKEN" } }],
            apply: { headers: { "X-CSRF-TOKEN": "{csrf}", Cookie: "JSESSIONID={session}" } },
          },
          values: { baseUrl: "https://insight.example" },
          send: async () => new Response(JSON.stringify(body), { status, headers }),
          redactor: createRedactor([]),
          source: "@secfetch/test",
        });
        try {
          const values = await handshake("access-token-0123456789");
          for (const value of Object.values(values)) {
            expect(value.length).toBeGreaterThan(0);
            expect(value).not.toMatch(/[\r\n\0]/);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(AuthenticationError);
        }
      }),
      { numRuns },
    );
  }, timeout);
});
