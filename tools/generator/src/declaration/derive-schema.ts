/**
 * The JSON Schema of the `x-secfetch-*` declarations, derived from the TypeScript types the engine
 * interprets (packages/auth/src/declaration/types.ts): the types are the one source, so the
 * validator cannot accept a shape the engine does not read, nor refuse one it does.
 */

export type JsonSchema = { [key: string]: unknown };

/** The declarations a spec writes, by the extension that holds each. */
export const DECLARATION_ROOTS = {
  "x-secfetch-auth": "AuthDeclaration",
  "x-secfetch-paginate": "PaginationDeclaration",
  "x-secfetch-job": "JobDeclaration",
  "x-secfetch-rate-limit": "RateLimitDeclaration",
} as const;

export interface DeclarationSchema {
  /** sha256 of the types file it was derived from: a rerun with the same types derives nothing. */
  source: { file: string; sha256: string };
  definitions: Record<string, JsonSchema>;
}

/**
 * Runs ts-json-schema-generator over the types file (JSDoc tags become constraints) and gives
 * each discriminated union a `discriminator`, so a bad field of one paging scheme is reported as
 * that, not as a failure to match any of seven schemes. Loads TypeScript: only called when the
 * types changed.
 */
export async function deriveDeclarationSchema(typesFile: string, tsconfig: string): Promise<Record<string, JsonSchema>> {
  const { createGenerator } = await import("ts-json-schema-generator");
  const definitions: Record<string, JsonSchema> = {};
  for (const type of Object.values(DECLARATION_ROOTS)) {
    const generator = createGenerator({
      path: typesFile,
      tsconfig,
      type,
      expose: "export",
      topRef: true,
      jsDoc: "extended",
      additionalProperties: false,
      skipTypeCheck: true,
      sortProps: false,
    });
    const schema = generator.createSchema(type) as { definitions?: Record<string, JsonSchema> };
    Object.assign(definitions, schema.definitions ?? {});
  }
  const sorted: Record<string, JsonSchema> = {};
  for (const name of Object.keys(definitions).sort()) sorted[name] = withDiscriminators(definitions[name]!) as JsonSchema;
  return sorted;
}

/** `anyOf` of objects that each pin one property to a constant becomes `oneOf` with Ajv's `discriminator`. */
function withDiscriminators(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withDiscriminators);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = withDiscriminators(value);
  const branches = out.anyOf;
  if (Array.isArray(branches) && branches.length > 1) {
    const tag = commonConstProperty(branches as JsonSchema[]);
    if (tag) {
      delete out.anyOf;
      out.type = "object";
      out.discriminator = { propertyName: tag };
      out.required = [tag];
      out.oneOf = branches;
    }
  }
  return out;
}

function commonConstProperty(branches: JsonSchema[]): string | undefined {
  const first = branches[0]?.properties as Record<string, JsonSchema> | undefined;
  for (const name of Object.keys(first ?? {})) {
    const pinned = branches.every((branch) => {
      const property = (branch.properties as Record<string, JsonSchema> | undefined)?.[name];
      return property !== undefined && "const" in property && (branch.required as string[] | undefined)?.includes(name);
    });
    if (pinned) return name;
  }
  return undefined;
}
