import { describe, expect, it } from "vitest";
import { composePolicies, createPager, rateLimitPolicy, redirectPolicy, type PipelineRequest } from "../../src/building-blocks.js";

function request(url = "https://api.example.com/a", method = "GET"): PipelineRequest {
  const headers = new Headers({ authorization: "Bearer secret-token", cookie: "JSESSIONID=abc", "x-csrf-token": "c", accept: "application/json" });
  return { url: new URL(url), method, headers, body: method === "POST" ? new Uint8Array([1]) : undefined, signal: undefined, retrySafe: true };
}

describe("redirectPolicy", () => {
  const policy = redirectPolicy({ credentialHeaders: ["authorization", "cookie", "x-csrf-token"] });

  it("keeps credentials on a same-origin hop and drops them on a cross-origin one", async () => {
    const seen: PipelineRequest[] = [];
    const hops = ["/b", "https://other.example.net/c"];
    const send = composePolicies([policy], async (req) => {
      seen.push(req);
      const location = hops.shift();
      return location ? new Response(null, { status: 307, headers: { location } }) : new Response("ok");
    });
    expect((await send(request())).status).toBe(200);
    expect(seen.map((req) => req.url.href)).toEqual(["https://api.example.com/a", "https://api.example.com/b", "https://other.example.net/c"]);
    expect(seen[1]?.headers.get("authorization")).toBe("Bearer secret-token");
    expect(seen[2]?.headers.get("authorization")).toBeNull();
    expect(seen[2]?.headers.get("cookie")).toBeNull();
    expect(seen[2]?.headers.get("x-csrf-token")).toBeNull();
    expect(seen[2]?.headers.get("accept")).toBe("application/json");
  });

  it("turns a 303 after a POST into a GET without a body, and stops after too many hops", async () => {
    const seen: PipelineRequest[] = [];
    const send = composePolicies([policy], async (req) => {
      seen.push(req);
      return seen.length === 1 ? new Response(null, { status: 303, headers: { location: "/done" } }) : new Response("ok");
    });
    await send(request("https://api.example.com/a", "POST"));
    expect(seen[1]).toMatchObject({ method: "GET", body: undefined });
    const loop = composePolicies([redirectPolicy({ credentialHeaders: [], maxRedirects: 2 })], async () => new Response(null, { status: 302, headers: { location: "/again" } }));
    expect((await loop(request())).status).toBe(302);
  });
});

describe("rateLimitPolicy", () => {
  it("never starts more than the limit in any window", async () => {
    const starts: number[] = [];
    const send = composePolicies([rateLimitPolicy({ requestsPerSecond: 5, marginMs: 0 })], async () => {
      starts.push(Date.now());
      return new Response("ok");
    });
    const began = Date.now();
    await Promise.all(Array.from({ length: 12 }, () => send(request())));
    for (let i = 5; i < starts.length; i++) expect((starts[i] as number) - (starts[i - 5] as number)).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - began).toBeGreaterThanOrEqual(2000);
  });
});

describe("start-index pager", () => {
  it("counts from 1 up to totalResults", () => {
    const pager = createPager({ scheme: "start-index", items: "/Resources", param: "startIndex", total: "/totalResults" });
    expect(pager.next({ Resources: [1, 2], totalResults: 5 }, { path: "/Users", query: { count: 2 } }, [1, 2])).toEqual({ path: "/Users", query: { count: 2, startIndex: 3 } });
    expect(pager.next({ Resources: [5], totalResults: 5 }, { path: "/Users", query: { startIndex: 5 } }, [5])).toBeNull();
    expect(pager.next({ Resources: [], totalResults: 9 }, { path: "/Users", query: {} }, [])).toBeNull();
  });
});
