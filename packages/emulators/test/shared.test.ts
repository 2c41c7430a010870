import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { parseAuthorization } from "../src/shared/authorization.js";
import { FaultQueue } from "../src/shared/faults.js";
import { formUrlDecode, HttpError, strictQuery } from "../src/shared/http-helpers.js";
import { Router } from "../src/shared/router.js";
import { SeededRandom } from "../src/shared/seeded-random.js";
import { TokenIssuer } from "../src/shared/token-issuer.js";

const withAuth = (...values: string[]) =>
  ({ headersDistinct: values.length ? { authorization: values } : {} }) as unknown as IncomingMessage;
const basic = (raw: string) => `Basic ${Buffer.from(raw, "utf8").toString("base64")}`;

describe("parseAuthorization", () => {
  it("accepts exactly `Bearer <token>`", () => {
    expect(parseAuthorization(withAuth("Bearer abc.DEF-_~+/=="))).toEqual({ scheme: "bearer", token: "abc.DEF-_~+/==" });
    expect(parseAuthorization(withAuth("bearer abc"))).toEqual({ scheme: "bearer", token: "abc" });
  });

  it.each(["Bearer: abc", "Bearer  abc", "Bearer abc ", "Bearer abc def", "Bearer", "Bearer ", "Token abc", "Bearer a\"b"])(
    "rejects %j",
    (header) => {
      expect(parseAuthorization(withAuth(header)).scheme).toBe("invalid");
    },
  );

  it("rejects two Authorization headers and reports none when absent", () => {
    expect(parseAuthorization(withAuth("Bearer a", "Bearer b")).scheme).toBe("invalid");
    expect(parseAuthorization(withAuth())).toEqual({ scheme: "none" });
  });

  it("decodes Basic id:secret with form-url-decoding (RFC 6749 §2.3.1)", () => {
    expect(parseAuthorization(withAuth(basic("acme:acme%3Asecret+x")))).toEqual({ scheme: "basic", id: "acme", secret: "acme:secret x" });
    expect(parseAuthorization(withAuth(basic("a:b:c")))).toEqual({ scheme: "basic", id: "a", secret: "b:c" });
  });

  it.each([
    ["no colon", basic("acme")],
    ["empty id", basic(":secret")],
    ["not base64", "Basic !!!"],
    ["non-canonical padding", "Basic YWNtZTpz="],
    ["bad percent escape", basic("acme:50%")],
    ["colon after scheme", `Basic: ${Buffer.from("a:b").toString("base64")}`],
  ])("rejects Basic with %s", (_name, header) => {
    expect(parseAuthorization(withAuth(header)).scheme).toBe("invalid");
  });

  it("never puts the credential in the reason", () => {
    const result = parseAuthorization(withAuth("Bearer: super-secret-token"));
    expect(JSON.stringify(result)).not.toContain("super-secret-token");
  });
});

describe("formUrlDecode", () => {
  it("decodes + and %XX in UTF-8 and ISO-8859-1", () => {
    expect(formUrlDecode("a+b%20c%C3%A9")).toBe("a b cé");
    expect(formUrlDecode("caf%E9", "iso-8859-1")).toBe("café");
  });
  it("rejects malformed escapes and invalid UTF-8", () => {
    expect(() => formUrlDecode("%zz")).toThrow(HttpError);
    expect(() => formUrlDecode("%E9")).toThrow(HttpError);
  });
});

describe("Router", () => {
  const router = new Router<string>().add("GET", "/items/{id}", "get").add("POST", "/items/{id}", "post");
  it("matches methods and decodes params", () => {
    expect(router.match("GET", "/items/a%20b")).toMatchObject({ kind: "found", params: { id: "a b" }, route: { key: "GET /items/{id}" } });
  });
  it("answers 405 data for a known path and 404 otherwise", () => {
    expect(router.match("DELETE", "/items/1")).toEqual({ kind: "method-not-allowed", allow: ["GET", "POST"] });
    expect(router.match("GET", "/items/1/")).toEqual({ kind: "not-found" });
    expect(router.match("GET", "/items/")).toEqual({ kind: "not-found" });
  });
});

describe("Router with a literal segment beside a parameter", () => {
  // Registered parameter first: the more literal path must still win, whatever the order.
  const router = new Router<string>()
    .add("GET", "/roles/{roleId}", "get-role")
    .add("PATCH", "/roles/{roleId}", "patch-role")
    .add("GET", "/roles/permission-sets", "permission-sets");

  it("routes the literal path to its own route and anything else to the parameter", () => {
    expect(router.match("GET", "/roles/permission-sets")).toMatchObject({ kind: "found", route: { handler: "permission-sets" }, params: {} });
    expect(router.match("GET", "/roles/r-1")).toMatchObject({ kind: "found", route: { handler: "get-role" }, params: { roleId: "r-1" } });
  });

  it("answers 405 with the literal path's methods rather than falling back to the parameter", () => {
    expect(router.match("PATCH", "/roles/permission-sets")).toEqual({ kind: "method-not-allowed", allow: ["GET"] });
  });
});

describe("strictQuery", () => {
  it("rejects unknown, repeated and empty parameters", () => {
    expect(strictQuery(new URL("http://x/?a=1"), ["a"]).get("a")).toBe("1");
    expect(() => strictQuery(new URL("http://x/?b=1"), ["a"])).toThrow(/Unknown query parameter "b"/);
    expect(() => strictQuery(new URL("http://x/?a=1&a=2"), ["a"])).toThrow(/repeated/);
    expect(() => strictQuery(new URL("http://x/?a="), ["a"])).toThrow(/empty/);
  });
});

describe("TokenIssuer", () => {
  it("expires by TTL, on demand, and revokes", () => {
    let now = 1_000_000;
    const issuer = new TokenIssuer({ ttlSeconds: 10, now: () => now });
    const a = issuer.issue("client", ["x"], "tenant");
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issuer.lookup(a.token).status).toBe("valid");
    now += 10_000;
    expect(issuer.lookup(a.token).status).toBe("expired");
    const b = issuer.issue("client", ["x"], "tenant");
    issuer.expireAll();
    expect(issuer.lookup(b.token).status).toBe("expired");
    const c = issuer.issue("client", ["x"], "tenant");
    expect(issuer.revoke(c.token)).toBe(true);
    expect(issuer.lookup(c.token).status).toBe("revoked");
    expect(issuer.lookup("nope").status).toBe("unknown");
  });
  it("never expires with a null TTL", () => {
    let now = 0;
    const issuer = new TokenIssuer({ ttlSeconds: null, now: () => now });
    const token = issuer.issue("client", [], "tenant");
    now = Number.MAX_SAFE_INTEGER;
    expect(token.expiresAt).toBeNull();
    expect(issuer.lookup(token.token).status).toBe("valid");
  });
});

describe("FaultQueue", () => {
  it("serves matching faults in order and counts them down", () => {
    const faults = new FaultQueue();
    faults.inject({ path: "/a", status: 500, count: 2 });
    faults.inject({ path: /^\/b/, method: "post", status: 429 });
    expect(faults.take("GET", "/b")).toBeUndefined();
    expect(faults.take("POST", "/b/c")?.status).toBe(429);
    expect(faults.take("GET", "/a")?.status).toBe(500);
    expect(faults.take("GET", "/a")?.status).toBe(500);
    expect(faults.take("GET", "/a")).toBeUndefined();
    expect(faults.pending).toBe(0);
  });
  it("rejects nonsense", () => {
    const faults = new FaultQueue();
    expect(() => faults.inject({})).toThrow(TypeError);
    expect(() => faults.inject({ status: 99 })).toThrow(TypeError);
    expect(() => faults.inject({ status: 500, count: 0 })).toThrow(TypeError);
  });
});

describe("SeededRandom", () => {
  it("is deterministic per seed", () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return [random.next(), random.int(1, 6), random.hex(8)];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});
