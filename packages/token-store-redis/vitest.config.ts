import { defineConfig } from "vitest/config";

export default defineConfig({
  // Resolve workspace packages to their TypeScript sources, so tests need no prior build.
  resolve: { conditions: ["@secfetch/source"] },
  ssr: { resolve: { conditions: ["@secfetch/source"] } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 20_000 },
});
