import { describe, expect, it } from "vitest";
import { checkProductionTree, checkSingleCopy, installedPackages, type NpmLsNode } from "../src/dependency-checks.js";

const at = (path: string, version: string, dependencies: Record<string, NpmLsNode> = {}): NpmLsNode => ({ version, path, dependencies });

// What `npm ls --all --json --long --omit=dev` prints for a consumer of one vendor package.
const auth = at("/c/node_modules/@secfetch/auth", "0.2.0", {
  "openapi-fetch": at("/c/node_modules/openapi-fetch", "0.17.0"),
  // Optional peers nobody installed come with neither a version nor a path.
  undici: {},
  "csv-parse": {},
});
const tree = (extra: Record<string, NpmLsNode> = {}): NpmLsNode => ({
  dependencies: {
    "@secfetch/sophos-central": at("/c/node_modules/@secfetch/sophos-central", "0.2.0", {
      "@secfetch/auth": auth,
      "openapi-fetch": at("/c/node_modules/openapi-fetch", "0.17.0", { "openapi-typescript-helpers": at("/c/node_modules/openapi-typescript-helpers", "0.1.0") }),
      ...extra,
    }),
  },
});
const devOnly = new Set(["@secfetch/emulators", "typescript", "vitest"]);

describe("installedPackages", () => {
  it("lists each place on disk once and skips optional peers that are not installed", () => {
    expect(installedPackages(tree()).map((pkg) => pkg.name)).toEqual(["@secfetch/sophos-central", "@secfetch/auth", "openapi-fetch", "openapi-typescript-helpers"]);
  });
});

describe("checkProductionTree", () => {
  it("counts what the vendor brings and finds nothing wrong in a clean tree", () => {
    const report = checkProductionTree(tree(), "@secfetch/sophos-central", devOnly);
    expect(report.problems).toEqual([]);
    expect(report.dependencies).toHaveLength(3);
  });

  it("refuses a development dependency that a manifest leaked into dependencies", () => {
    const leaked = tree({ "@secfetch/emulators": at("/c/node_modules/@secfetch/emulators", "0.2.0", { typescript: at("/c/node_modules/typescript", "5.9.3") }) });
    expect(checkProductionTree(leaked, "@secfetch/sophos-central", devOnly).problems).toEqual([
      "@secfetch/emulators@0.2.0 is installed for users of @secfetch/sophos-central but is a development dependency (at /c/node_modules/@secfetch/emulators)",
      "typescript@5.9.3 is installed for users of @secfetch/sophos-central but is a development dependency (at /c/node_modules/typescript)",
    ]);
  });

  it("passes on what npm ls found wrong, and a vendor that is not there", () => {
    const report = checkProductionTree({ problems: ["missing: openapi-fetch@0.17.0, required by @secfetch/auth@0.2.0"] }, "@secfetch/sophos-central", devOnly);
    expect(report.problems).toEqual(["npm ls: missing: openapi-fetch@0.17.0, required by @secfetch/auth@0.2.0", "@secfetch/sophos-central is not installed"]);
  });
});

describe("checkSingleCopy", () => {
  it("accepts one copy at the published version, however often npm ls repeats it", () => {
    const whole: NpmLsNode = { dependencies: { "@secfetch/sophos-central": at("/c/node_modules/@secfetch/sophos-central", "0.2.0", { "@secfetch/auth": auth }), "@secfetch/x": at("/c/node_modules/@secfetch/x", "0.2.0", { "@secfetch/auth": auth }) } };
    expect(checkSingleCopy(whole, "@secfetch/auth", "0.2.0")).toEqual([]);
  });

  it("refuses a second copy and a stale version", () => {
    const nested = at("/c/node_modules/@secfetch/x/node_modules/@secfetch/auth", "0.1.0");
    const whole: NpmLsNode = { dependencies: { "@secfetch/sophos-central": at("/c/node_modules/@secfetch/sophos-central", "0.2.0", { "@secfetch/auth": auth }), "@secfetch/x": at("/c/node_modules/@secfetch/x", "0.2.0", { "@secfetch/auth": nested }) } };
    expect(checkSingleCopy(whole, "@secfetch/auth", "0.2.0")).toEqual([
      "2 copies of @secfetch/auth: 0.2.0 at /c/node_modules/@secfetch/auth, 0.1.0 at /c/node_modules/@secfetch/x/node_modules/@secfetch/auth",
      "@secfetch/auth@0.1.0 installed, this release publishes 0.2.0",
    ]);
    expect(checkSingleCopy({}, "@secfetch/auth", "0.2.0")).toEqual(["@secfetch/auth is not installed"]);
  });
});
