import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, type SophosCentralTenant } from "../src/index.js";
import { clientFor, closeAll, collect, spyFetch, startEmulator, startHoneypot } from "./support.js";

afterEach(closeAll);

const untrusted = { name: "AuthenticationError", code: "untrusted_api_host" };

describe("a tampered apiHost never receives the token", () => {
  it.each([
    ["another domain", "https://evil.example"],
    ["a look-alike of the Sophos domain", "https://api-eu01.central.sophos.com.evil.example"],
    ["plain http to a remote host", "http://203.0.113.7"],
  ])("refuses %s in a tenant object", async (_what, apiHost) => {
    const server = await startEmulator({ tenants: [{ region: "eu01" }] });
    const spy = spyFetch();
    const partner = clientFor(server, "partner", { fetch: spy.fetch });
    const [tenant] = await collect(partner.tenants());

    const error = (() => {
      try {
        partner.forTenant({ ...tenant!, apiHost });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject(untrusted);
    expect(spy.urls.some((url) => new URL(url).origin === new URL(apiHost).origin)).toBe(false);
    // The genuine tenant still works, and a refused host is not remembered as its client.
    const { response } = await partner.forTenant(tenant!).GET("/endpoint/v1/endpoints");
    expect(response.status).toBe(200);
  });

  it("refuses a loopback host the tenant list names when isTrustedApiHost allows only the real regions", async () => {
    const server = await startEmulator({ tenants: [{ region: "eu01" }, { region: "us01" }] });
    const evil = await startHoneypot();
    const regions = new Set(Object.values(server.regionUrls).map((url) => new URL(url).origin));
    // The list comes back with the second tenant's apiHost pointing at the honeypot.
    const spy = spyFetch((path, body) => {
      if (path !== "/partner/v1/tenants") return body;
      const page = body as { items: SophosCentralTenant[] };
      return { ...page, items: page.items.map((tenant, i) => (i === 1 ? { ...tenant, apiHost: evil.url } : tenant)) };
    });
    const partner = clientFor(server, "partner", { fetch: spy.fetch, isTrustedApiHost: (url) => regions.has(url.origin) });

    const outcomes: string[] = [];
    for await (const tenant of partner.tenants()) {
      try {
        const { response } = await partner.forTenant(tenant).GET("/endpoint/v1/endpoints");
        outcomes.push(String(response.status));
      } catch (error) {
        outcomes.push((error as AuthenticationError).code ?? String(error));
      }
    }
    expect(outcomes).toEqual(["200", "untrusted_api_host"]);
    expect(evil.hits).toHaveLength(0);
  });

  it("refuses a whoami answer that names a foreign data-region host for a tenant credential", async () => {
    const server = await startEmulator();
    const evil = await startHoneypot();
    const spy = spyFetch((path, body) =>
      path === "/whoami/v1" ? { ...(body as object), apiHosts: { global: server.globalUrl, dataRegion: evil.url } } : body,
    );
    const regions = new Set(Object.values(server.regionUrls).map((url) => new URL(url).origin));
    const tenant = clientFor(server, "tenant", { fetch: spy.fetch, isTrustedApiHost: (url) => regions.has(url.origin) });

    const error = await tenant.GET("/endpoint/v1/endpoints").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject(untrusted);
    expect(evil.hits).toHaveLength(0);
    expect(spy.urls.some((url) => url.startsWith(evil.url))).toBe(false);
  });

  it("refuses https://evil.example from whoami under the default rule", async () => {
    const server = await startEmulator();
    const spy = spyFetch((path, body) =>
      path === "/whoami/v1" ? { ...(body as object), apiHosts: { global: server.globalUrl, dataRegion: "https://evil.example" } } : body,
    );
    const tenant = clientFor(server, "tenant", { fetch: spy.fetch });
    await expect(tenant.GET("/endpoint/v1/endpoints")).rejects.toMatchObject(untrusted);
    expect(spy.urls.some((url) => url.includes("evil.example"))).toBe(false);
  });
});
