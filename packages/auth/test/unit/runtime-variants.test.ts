import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors/configuration-error.js";
import { createCaFetch as unsupportedCaFetch } from "../../src/transport/ca-fetch/unsupported.js";
import { createCaFetch as denoCaFetch } from "../../src/transport/ca-fetch/deno.js";
import { isForbiddenRequestHeader as browserForbids } from "../../src/util/forbidden-headers/browser.js";
import { isForbiddenRequestHeader as serverForbids } from "../../src/util/forbidden-headers/server.js";

// The variants other runtimes load by package.json condition; the runtime matrix runs them for
// real (tools/runtime-matrix), these pin down their answers here.
describe("runtime variants", () => {
  it("refuses a CA where the runtime's fetch cannot take one, naming the option", () => {
    const attempt = () => unsupportedCaFetch(["-----BEGIN CERTIFICATE-----"]);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/cannot trust an extra CA/);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigurationError).option).toBe("ca");
    }
  });

  it("refuses a CA on a Deno without createHttpClient rather than ignoring it", () => {
    expect(() => denoCaFetch(["-----BEGIN CERTIFICATE-----"])).toThrow(/Deno.createHttpClient/);
  });

  it("knows which headers a browser drops, in any case, and a server drops none", () => {
    for (const name of ["Cookie", "cookie", "Host", "Proxy-Authorization", "Sec-Fetch-Mode"]) expect(browserForbids(name)).toBe(true);
    for (const name of ["Authorization", "X-CSRF-TOKEN", "X-API-KEY", "Content-Type"]) expect(browserForbids(name)).toBe(false);
    expect(serverForbids("Cookie")).toBe(false);
  });
});
