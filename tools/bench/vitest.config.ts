import { defineConfig } from "vitest/config";

export default defineConfig({
  // The bench measures what users run: the built packages (nx builds them first).
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 60_000, execArgv: ["--expose-gc"] },
});
