import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_TABLES_FILE, renderCliTables } from "../../../tools/generator/src/emit/emit-cli-tables.js";
import { startEmulator, type RunningEmulator } from "../src/commands/emulate.js";
import { renderDescribe } from "../src/commands/describe.js";
import { VENDOR_TABLES } from "../src/generated/tables.js";
import { findOperation } from "../src/tables/find-operation.js";
import { runInProcess } from "./in-process.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const specs = path.join(root, "specs");
const METHODS = ["get", "post", "put", "patch", "delete"];

describe("the command tables", () => {
  it("are what the specs give now (run `npm run generate` after changing a spec)", async () => {
    expect(await renderCliTables(root)).toBe(readFileSync(path.join(root, CLI_TABLES_FILE), "utf8"));
  });

  it("hold every operation of every spec, each found by its own path with values typed in, and described", () => {
    const vendors = readdirSync(specs, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(VENDOR_TABLES.map((vendor) => vendor.name).sort()).toEqual(vendors.sort());
    let count = 0;
    for (const name of vendors) {
      const document = parse(readFileSync(path.join(specs, name, "openapi.yaml"), "utf8")) as { paths: Record<string, Record<string, unknown>> };
      const vendor = VENDOR_TABLES.find((table) => table.name === name)!;
      for (const [template, item] of Object.entries(document.paths)) {
        for (const method of METHODS.filter((candidate) => item[candidate])) {
          const typed = template.replace(/\{([^}]+)\}/g, (_, hole: string) => `sample-${hole}`);
          const found = findOperation(vendor, method, typed);
          expect(`${found.operation.method} ${found.operation.path}`).toBe(`${method.toUpperCase()} ${template}`);
          expect(renderDescribe(vendor, found.operation)).toContain(`${method.toUpperCase()} ${template}`);
          count++;
        }
      }
    }
    expect(count).toBe(VENDOR_TABLES.reduce((sum, vendor) => sum + vendor.operations.length, 0));
  });
});

describe("every GET that needs no input, called through the CLI against each vendor's emulator", () => {
  const running: RunningEmulator[] = [];
  afterAll(async () => {
    await Promise.all(running.map((emulator) => emulator.close()));
  });

  const callable = (vendor: (typeof VENDOR_TABLES)[number]) =>
    vendor.operations.filter((op) => op.method === "GET" && !op.external && !op.signIn && !op.parameters.some((parameter) => parameter.required) && !op.path.includes("{"));
  // Ennov InSight and Forcepoint ONE Insights have no GET without input: the table test above covers them.
  for (const vendor of VENDOR_TABLES.filter((candidate) => callable(candidate).length > 0)) {
    it(`${vendor.name}: answered, none refused by the CLI`, async () => {
      const emulator = await startEmulator(vendor, undefined);
      running.push(emulator);
      const env: Record<string, string> = { HOME: "/nonexistent", SECFETCH_CONFIG: "/nonexistent/config.toml" };
      for (const line of emulator.exports) {
        const [, name, value] = /^export ([A-Z0-9_]+)=(.*)$/.exec(line)!;
        env[name!] = value!.replace(/^'(.*)'$/, "$1");
      }
      const calls = callable(vendor);
      const codes: Record<string, number> = {};
      for (const op of calls) {
        const { code, stderr } = await runInProcess([vendor.name, "GET", op.path, "--max-retries", "0"], env);
        // 0 or an HTTP error the vendor answered (4); never the CLI's own refusal (2) or a crash (1).
        expect({ path: op.path, code, stderr: code === 0 || code === 4 ? "" : stderr }).toMatchObject({ path: op.path, code: expect.toSatisfy((value: number) => value === 0 || value === 4) as number });
        codes[op.path] = code;
      }
      expect(Object.values(codes).filter((code) => code === 0).length).toBeGreaterThan(0);
    });
  }
});
