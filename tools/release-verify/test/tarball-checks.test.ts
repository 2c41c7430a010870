import { describe, expect, it } from "vitest";
import { checkTarball, entryPoints, type Manifest } from "../src/tarball-checks.js";

const manifest: Manifest = {
  name: "@secfetch/sophos-central",
  version: "0.2.0",
  main: "./dist/index.js",
  types: "./dist/index.d.ts",
  exports: { ".": { "@secfetch/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
  imports: { "#csv-parse": { browser: "csv-parse/browser/esm/sync", default: "csv-parse/sync" } },
  dependencies: { "@secfetch/auth": "^0.2.0", "openapi-fetch": "0.17.0" },
  devDependencies: { "@secfetch/emulators": "^0.2.0" },
};
const files = ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts", "src/index.ts"];
const published = new Map([["@secfetch/auth", "0.2.0"], ["@secfetch/emulators", "0.2.0"]]);

describe("checkTarball", () => {
  it("accepts a manifest whose entry points are all packed", () => {
    expect(checkTarball(manifest, files, published)).toEqual([]);
  });

  it("names an entry point the tarball lacks", () => {
    expect(checkTarball(manifest, files.filter((file) => file !== "dist/index.d.ts"), published)).toEqual([
      "types points at ./dist/index.d.ts, which is not in the tarball",
      'exports["."]["types"] points at ./dist/index.d.ts, which is not in the tarball',
    ]);
  });

  it("refuses specifiers that only resolve in the monorepo and ranges that miss this release", () => {
    const broken = { ...manifest, dependencies: { "@secfetch/auth": "workspace:*", "openapi-fetch": "*" }, peerDependencies: { undici: "file:../undici" } };
    expect(checkTarball(broken, files, published)).toEqual([
      'dependencies.@secfetch/auth is "workspace:*", which resolves only inside the monorepo or to any version',
      'dependencies.@secfetch/auth is "workspace:*" but this release publishes @secfetch/auth@0.2.0',
      'dependencies.openapi-fetch is "*", which resolves only inside the monorepo or to any version',
      'peerDependencies.undici is "file:../undici", which resolves only inside the monorepo or to any version',
    ]);
    expect(checkTarball({ ...manifest, dependencies: { "@secfetch/auth": "^0.1.0" } }, files, published)).toEqual(['dependencies.@secfetch/auth is "^0.1.0" but this release publishes @secfetch/auth@0.2.0']);
  });

  it("does not treat devDependencies as something users install", () => {
    expect(checkTarball({ ...manifest, devDependencies: { "@secfetch/emulators": "workspace:*" } }, files, published)).toEqual([]);
  });
});

describe("entryPoints", () => {
  it("collects relative targets of every condition and leaves package targets of imports alone", () => {
    expect(entryPoints({ ...manifest, bin: { cli: "./dist/cli.js" } }).map(([where]) => where)).toEqual([
      "main",
      "types",
      "bin.cli",
      'exports["."]["@secfetch/source"]',
      'exports["."]["types"]',
      'exports["."]["default"]',
      'exports["./package.json"]',
    ]);
  });
});
