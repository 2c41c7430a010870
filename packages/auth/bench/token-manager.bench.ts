import { bench, describe } from "vitest";
import { createTokenManager, type TokenRecord } from "../src/index.js";

// The hot path every API call takes: a cached, fresh token.
describe("token manager", () => {
  const record: TokenRecord = { accessToken: "cached", tokenType: "bearer", issuedAt: Date.now(), expiresAt: Date.now() + 3_600_000 };
  const manager = createTokenManager({ key: async () => "k", acquire: async () => record });

  bench("getToken, cached", async () => {
    await manager.getToken();
  });

  bench("1,000 concurrent cold getToken calls (one acquire)", async () => {
    const cold = createTokenManager({ key: async () => "k", acquire: async () => ({ ...record, issuedAt: Date.now() }) });
    await Promise.all(Array.from({ length: 1000 }, () => cold.getToken()));
  });
});
