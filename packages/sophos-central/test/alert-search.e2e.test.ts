import { afterEach, describe, expect, it } from "vitest";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

describe("alert search", () => {
  it("finds the same alerts as the list with the same criteria, and pages by the body's key", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const listed = await collect(tenant.paginate("/common/v1/alerts", { params: { query: { severity: "high,medium", pageSize: 3 } } }));
    expect(listed.length).toBeGreaterThan(3);

    const found: unknown[] = [];
    let pageFromKey: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const { data, error } = await tenant.POST("/common/v1/alerts/search", { body: { severity: ["high", "medium"], pageSize: 3, ...(pageFromKey ? { pageFromKey } : {}) } });
      expect(error).toBeUndefined();
      found.push(...data!.items);
      pageFromKey = data!.pages.nextKey;
      if (!pageFromKey) break;
    }
    expect(found).toEqual(listed);
  });

  it("refuses a severity the spec does not know, naming the field", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const refused = await tenant.POST("/common/v1/alerts/search", { body: { severity: ["urgent"] } as never });
    expect(refused.response.status).toBe(400);
    expect(JSON.stringify(refused.error)).toContain("severity");
  });
});
