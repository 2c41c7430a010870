import { describe, expect, it } from "vitest";
import { createDelegates } from "../../src/client/delegates.js";
import { ConfigurationError } from "../../src/building-blocks.js";

// The declared delegates block alone (a partner's tenants); the same walk over real sockets is in
// @secfetch/sophos-central's partner tests.

const declaration = {
  list: { partner: "/partner/tenants" },
  query: { pageTotal: true },
  pageSize: { param: "pageSize", default: 100 },
  id: "/id",
  baseUrl: "/apiHost",
  headers: { "X-Tenant-ID": "/id" },
};

function delegates(kind: string) {
  const derived: Array<{ baseUrl: string; headers: Record<string, string> }> = [];
  const walked: Array<{ path: string; init: Record<string, unknown> }> = [];
  const made = createDelegates({
    declaration,
    identity: async () => ({ kind, headers: {}, body: {} }),
    paginate: (path, init) => {
      walked.push({ path, init });
      return (async function* () {
        yield { id: "t1", apiHost: "https://api-eu01.example.com" };
      })();
    },
    derive: (identity) => {
      derived.push(identity);
      return { identity };
    },
    source: "@secfetch/test",
  });
  return { ...made, derived, walked };
}

describe("delegates", () => {
  it("lists with the declared query and page size (the caller's size wins)", async () => {
    const partner = delegates("partner");
    const items: unknown[] = [];
    for await (const item of partner.list({ pageSize: 20 })) items.push(item);
    expect(items).toEqual([{ id: "t1", apiHost: "https://api-eu01.example.com" }]);
    expect(partner.walked).toEqual([{ path: "/partner/tenants", init: { params: { query: { pageTotal: true, pageSize: 20 } } } }]);
  });

  it("refuses a kind of principal with no list, naming the kinds that have one", async () => {
    const error = await delegates("tenant").list().next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/only a partner credential lists the identities it acts for, and this is a tenant credential/);
  });

  it("makes one client per id and host, from the host root only, with headers read off the item", () => {
    const partner = delegates("partner");
    const item = { id: "t1", apiHost: "https://api-eu01.example.com/some/path?x=1" };
    const client = partner.clientFor(item);
    expect(partner.clientFor({ ...item })).toBe(client);
    expect(partner.derived).toEqual([{ baseUrl: "https://api-eu01.example.com", headers: { "X-Tenant-ID": "t1" } }]);
    expect(partner.clientFor({ ...item, apiHost: "https://api-us01.example.com" })).not.toBe(client);
    expect(partner.derived).toHaveLength(2);
  });

  it("answers undefined for an item with no host yet, and refuses one without an id or with a bad host or header", () => {
    const partner = delegates("partner");
    expect(partner.clientFor({ id: "t2" })).toBeUndefined();
    expect(() => partner.clientFor({ name: "no id" })).toThrow(/has no id \(at \/id\)/);
    expect(() => partner.clientFor({ id: "t3", apiHost: "ftp://files.example.com" })).toThrow(/not an http\(s\) URL/);
    expect(() => partner.clientFor({ id: "t\r\nX-Evil: 1", apiHost: "https://a.example.com" })).toThrow(/no usable value for X-Tenant-ID/);
    expect(partner.derived).toEqual([]);
  });
});
