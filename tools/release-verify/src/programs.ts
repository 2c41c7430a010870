import { STRICT as DOCS_STRICT } from "../../docs-check/src/check.js";
import type { Vendor } from "./vendors.js";

// What a careful user's strict project turns on (tools/docs-check's set), with the published
// declaration files checked too: a broken .d.ts in a tarball must fail here.
const STRICT = { ...DOCS_STRICT, skipLibCheck: false };

/** The two resolutions users' projects have: Node's own (node16) and a bundler's. */
export const RESOLUTIONS = {
  node16: { module: "Node16", moduleResolution: "Node16" },
  bundler: { module: "ESNext", moduleResolution: "Bundler" },
} as const;
export type Resolution = keyof typeof RESOLUTIONS;

/**
 * The consumer program, ES module. It is JavaScript that is also strict TypeScript, so the same
 * text is main.ts (type-checked, run with tsx) and run.mjs (run by node in the pnpm and Yarn projects).
 */
export function esmProgram(vendor: Vendor): string {
  return `import { ${vendor.factory} } from "${vendor.package}";
import { ${vendor.emulator} } from "@secfetch/emulators";

const emulator = await ${vendor.emulator}();
try {
  let tokens = 0;
  const client = ${vendor.factory}({
    ...emulator.clientOptions(),
    onEvent: (event) => {
      if (event.type === "token.issued") tokens++;
    },
  });
  const detail = await (async () => {
  ${vendor.body}
  })();
  console.log(\`RESULT \${JSON.stringify({ detail, tokens })}\`);
} finally {
  await emulator.close();
}
`;
}

/** The same program loaded with require(), as a CommonJS project would. */
export function cjsProgram(vendor: Vendor): string {
  return `"use strict";
const { ${vendor.factory} } = require("${vendor.package}");
const { ${vendor.emulator} } = require("@secfetch/emulators");

async function main() {
  const emulator = await ${vendor.emulator}();
  try {
    const client = ${vendor.factory}(emulator.clientOptions());
    const detail = await (async () => {
    ${vendor.body}
    })();
    console.log(\`RESULT \${JSON.stringify({ detail })}\`);
  } finally {
    await emulator.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

/** An import of a path the package does not export: it must not compile under either resolution. */
export const WRONG_PATH = (vendor: Vendor) => `${vendor.package}/dist/index.js`;
export const wrongProgram = (vendor: Vendor) => `import { ${vendor.factory} } from "${WRONG_PATH(vendor)}";\nexport const factory = ${vendor.factory};\n`;

export function tsconfig(resolution: Resolution, files: string[]): string {
  return `${JSON.stringify({ compilerOptions: { ...STRICT, ...RESOLUTIONS[resolution] }, files }, null, 2)}\n`;
}

/** Reads the line the program prints last: `RESULT {...}`. */
export function parseResult(stdout: string): { detail: string; tokens?: number } | undefined {
  const line = stdout.split("\n").find((text) => text.startsWith("RESULT "));
  return line ? (JSON.parse(line.slice("RESULT ".length)) as { detail: string; tokens?: number }) : undefined;
}
