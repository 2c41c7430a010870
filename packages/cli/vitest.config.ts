import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, so tests need no prior build.
  resolve: { conditions: ["@secfetch/source"] },
  ssr: { resolve: { conditions: ["@secfetch/source"] } },
  test: { include: ["test/**/*.test.ts"], globalSetup: ["test/global-setup.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
