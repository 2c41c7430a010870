import { describe, expect, it } from "vitest";
import { ConfigurationError, createForcepointOneInsightsClient } from "../src/index.js";

describe("factory hints", () => {
  it("quote the option's description as written: an acronym keeps its case, prose about tokens is not redacted", () => {
    let thrown: unknown;
    try {
      createForcepointOneInsightsClient({ baseUrl: "https://tenant.example.com" } as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    const { message, hint } = thrown as ConfigurationError;
    expect(hint).toBe(
      "Pass `apiKey`: API key from Platform Services > Admin. Traded for a bearer token on `portalUrl`; never sent to the tenant's Insights host.",
    );
    expect(message).toContain(hint);
  });
});
