import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { apiReport } from "./support/api-report.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// The public surface, checked in: a change to an exported name or its type shows in review as a
// diff of api-report.md (accept it with `-u`).
it("the public API matches api-report.md", async () => {
  const report = apiReport(packageRoot, { "@secfetch/auth": "src/index.ts", "@secfetch/auth/features": "src/features.ts", "@secfetch/auth/building-blocks": "src/building-blocks.ts" });
  await expect(report).toMatchFileSnapshot(path.join(packageRoot, "api-report.md"));
}, 60_000);
