import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const vendor = "paloalto-saas-security";
let root: string;

// Each test works on a copy of specs/, packages/<vendor>, its emulator's generated document and the
// root's package.json and LICENSE (which every package's metadata comes from) in a temporary root.
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "secfetch-generator-"));
  await cp(path.join(repo, "specs"), path.join(root, "specs"), { recursive: true });
  for (const file of ["package.json", "LICENSE"]) await cp(path.join(repo, file), path.join(root, file));
  await cp(path.join(repo, "packages", vendor), path.join(root, "packages", vendor), {
    recursive: true,
    filter: (source) => !/node_modules|dist/.test(source),
  });
  // The vendor's emulator: its bundled document is generated too, and the README shows it.
  await cp(path.join(repo, "packages", "emulators", "package.json"), path.join(root, "packages", "emulators", "package.json"));
  const emulatorDocument = path.join("packages", "emulators", "src", vendor, "generated");
  await cp(path.join(repo, emulatorDocument), path.join(root, emulatorDocument), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("generate", () => {
  it("reproduces the committed package exactly", async () => {
    const result = await generate({ root, check: true, vendors: [vendor] });
    expect(result.changed).toEqual([]);
    expect(result.stale).toEqual([]);
  });

  it("restores a deleted generated file byte for byte", async () => {
    const file = path.join(root, "packages", vendor, "src/generated/client.ts");
    const before = await readFile(file);
    await rm(file);
    expect((await generate({ root, check: true, vendors: [vendor] })).changed).toEqual([path.join("packages", vendor, "src/generated/client.ts")]);
    await generate({ root, vendors: [vendor] });
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it("a rerun with the same inputs writes nothing, yet still catches a hand edit and a changed spec", async () => {
    await generate({ root, vendors: [vendor] });
    expect(await generate({ root, check: true, vendors: [vendor] })).toMatchObject({ changed: [], stale: [] });
    const index = path.join(root, "packages", vendor, "src/index.ts");
    const original = await readFile(index, "utf8");
    await writeFile(index, `${original}// edited by hand\n`);
    expect((await generate({ root, check: true, vendors: [vendor] })).changed).toEqual([path.join("packages", vendor, "src/index.ts")]);
    await writeFile(index, original);
    expect((await generate({ root, check: true, vendors: [vendor] })).changed).toEqual([]);
    const spec = path.join(root, "specs", vendor, "openapi.yaml");
    await writeFile(spec, (await readFile(spec, "utf8")).replace("Get one incident", "Read one incident"));
    expect((await generate({ root, check: true, vendors: [vendor] })).changed).toContain(path.join("packages", vendor, "src/generated/schema.ts"));
  });

  it("reports drift when the spec changes without regenerating", async () => {
    const spec = path.join(root, "specs", vendor, "openapi.yaml");
    await writeFile(spec, (await readFile(spec, "utf8")).replace("Get one incident", "Read one incident"));
    const result = await generate({ root, check: true, vendors: [vendor] });
    expect(result.changed).toContain(path.join("packages", vendor, "src/generated/schema.ts"));
  });

  it("is deterministic", async () => {
    await rm(path.join(root, "packages", vendor), { recursive: true });
    await generate({ root, vendors: [vendor] });
    const first = await readFile(path.join(root, "packages", vendor, "src/generated/schema.ts"), "utf8");
    await rm(path.join(root, "packages", vendor), { recursive: true });
    await generate({ root, vendors: [vendor] });
    expect(await readFile(path.join(root, "packages", vendor, "src/generated/schema.ts"), "utf8")).toBe(first);
  });

  it("turns a new spec into a new package with no other edits", async () => {
    const spec = await readFile(path.join(root, "specs", vendor, "openapi.yaml"), "utf8");
    await cp(path.join(root, "specs", vendor), path.join(root, "specs", "acme-security"), { recursive: true });
    await writeFile(
      path.join(root, "specs", "acme-security", "openapi.yaml"),
      spec.replace("x-secfetch-package: paloalto-saas-security", "x-secfetch-package: acme-security").replace("x-secfetch-client: PaloAltoSaasSecurity", "x-secfetch-client: AcmeSecurity"),
    );
    const result = await generate({ root, vendors: ["acme-security"] });
    expect(result.changed).toContain(path.join("packages", "acme-security", "src/generated/client.ts"));
    const client = await readFile(path.join(root, "packages", "acme-security", "src/generated/client.ts"), "utf8");
    expect(client).toContain("export function createAcmeSecurityClient(");
    const pkg = JSON.parse(await readFile(path.join(root, "packages", "acme-security", "package.json"), "utf8"));
    expect(pkg.name).toBe("@secfetch/acme-security");
  });

  it("removes a generated file the spec no longer gives", async () => {
    const manifestPath = path.join(root, "packages", vendor, "generated-files.json");
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    manifest.files.push("src/generated/old.ts");
    await writeFile(manifestPath, JSON.stringify(manifest));
    await writeFile(path.join(root, "packages", vendor, "src/generated/old.ts"), "// old\n");
    expect((await generate({ root, check: true, vendors: [vendor] })).stale).toEqual([path.join("packages", vendor, "src/generated/old.ts")]);
  });

  it("refuses to generate packages without the project's license and repository to give them", async () => {
    await rm(path.join(root, "LICENSE"));
    await expect(generate({ root, check: true, vendors: [vendor] })).rejects.toThrow(/LICENSE/);
  });
});

describe("layering", () => {
  it("generated code never imports a package's hand-written extras: the hand-written layer wraps the generated one", async () => {
    const { readdir } = await import("node:fs/promises");
    const packages = await readdir(path.join(repo, "packages"));
    let checked = 0;
    for (const name of packages) {
      const generated = path.join(repo, "packages", name, "src", "generated");
      const files = await readdir(generated).catch(() => []);
      for (const file of files.filter((entry) => entry.endsWith(".ts"))) {
        const text = await readFile(path.join(generated, file), "utf8");
        expect(text, `packages/${name}/src/generated/${file}`).not.toMatch(/from\s+["'][^"']*extras/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });
});
