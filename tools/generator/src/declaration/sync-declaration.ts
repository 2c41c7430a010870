import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { deriveDeclarationSchema, type DeclarationSchema } from "./derive-schema.js";
import { referenceTables } from "./reference-table.js";

/** The engine's declaration types: the one source of the shape (relative to the repository root). */
export const DECLARATION_TYPES = "packages/auth/src/declaration/types.ts";
const TSCONFIG = "packages/auth/tsconfig.json";
/** Where the validator reads the schema from (relative to the repository root). */
export const SCHEMA_FILE = "tools/generator/src/declaration/declaration-schema.json";
const README = "specs/README.md";
const START = "<!-- declaration-reference: start (written by `npm run generate` from packages/auth/src/declaration/types.ts) -->";
const END = "<!-- declaration-reference: end -->";

/**
 * Keeps the declaration's JSON Schema and the field reference in specs/README.md derived from the
 * engine's types. Returns the files that differ (written unless `check`).
 */
export async function syncDeclaration(options: { root: string; check?: boolean; force?: boolean }): Promise<string[]> {
  const { root } = options;
  const typesText = await readFile(path.join(root, DECLARATION_TYPES), "utf8");
  const sha256 = createHash("sha256").update(typesText).digest("hex");
  const current = await readFile(path.join(root, SCHEMA_FILE), "utf8").catch(() => "");
  const readme = await readFile(path.join(root, README), "utf8");
  const committed = current === "" ? undefined : (JSON.parse(current) as DeclarationSchema);
  // The README's table is checked against the committed schema every time; the schema itself is
  // derived again (TypeScript loaded) only when the types changed since, or when forced.
  const definitions =
    committed && committed.source.sha256 === sha256 && !options.force
      ? committed.definitions
      : await deriveDeclarationSchema(path.join(root, DECLARATION_TYPES), path.join(root, TSCONFIG));
  const schema: DeclarationSchema = { source: { file: DECLARATION_TYPES, sha256 }, definitions };
  const schemaText = `${JSON.stringify(schema, null, 2)}\n`;
  const readmeText = withReference(readme, referenceTables(definitions));

  const changed: string[] = [];
  if (schemaText !== current) changed.push(SCHEMA_FILE);
  if (readmeText !== readme) changed.push(README);
  if (!options.check) {
    if (schemaText !== current) await writeFile(path.join(root, SCHEMA_FILE), schemaText);
    if (readmeText !== readme) await writeFile(path.join(root, README), readmeText);
  }
  return changed;
}

/** The README with the reference between its markers (appended, with them, at the first run). */
function withReference(readme: string, reference: string): string {
  const block = `${START}\n\n${reference}\n\n${END}`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) return `${readme.trimEnd()}\n\n## Field reference\n\n${block}\n`;
  return `${readme.slice(0, start)}${block}${readme.slice(end + END.length)}`;
}
