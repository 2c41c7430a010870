#!/usr/bin/env node
// The command's entry, kept outside dist so that it exists when npm links commands at install,
// before anything is built (a workspace checkout), with its executable bit from git.
try {
  await import("../dist/cli.js");
} catch (error) {
  // Only the entry itself missing means "not built"; anything else is a real failure.
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.url).endsWith("/dist/cli.js")) throw error;
  console.error("secfetch-emulators: this checkout is not built yet; run `npm run build` first.");
  process.exitCode = 1;
}
