import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@secfetch/source"] },
  ssr: { resolve: { conditions: ["@secfetch/source"] } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 },
});
