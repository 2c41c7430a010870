import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.js";
import { SpecError } from "./load/read-spec.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const vendors = args.filter((arg) => !arg.startsWith("--"));

try {
  const result = await generate({ root, check, ...(vendors.length > 0 ? { vendors } : {}) });
  if (check) {
    if (result.changed.length + result.stale.length > 0) {
      console.error("Generated code has drifted from the specs:");
      for (const file of result.changed) console.error(`  differs: ${file}`);
      for (const file of result.stale) console.error(`  stale:   ${file}`);
      console.error("Run `npm run generate` and commit the result (never edit generated files by hand).");
      process.exit(1);
    }
    console.log(`Generated code matches the specs (${result.vendors.join(", ")}).`);
  } else {
    for (const file of result.changed) console.log(`  wrote   ${file}`);
    for (const file of result.stale) console.log(`  removed ${file}`);
    console.log(`Generated ${result.vendors.length} package(s): ${result.vendors.join(", ")}; ${result.changed.length} file(s) changed.`);
  }
} catch (error) {
  if (error instanceof SpecError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
