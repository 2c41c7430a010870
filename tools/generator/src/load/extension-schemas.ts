import { readFileSync } from "node:fs";
import type { DeclarationSchema, JsonSchema } from "../declaration/derive-schema.js";

/**
 * JSON Schemas of the `x-secfetch-*` extensions. Ajv checks a spec against them and reports the
 * JSON pointer of each bad value. The declarations the engine reads (auth, paging, jobs, rate
 * limit) come from declaration-schema.json, derived from the engine's own types; only what the
 * generator alone reads is written here.
 */

/**
 * The derived schemas, read when first asked for (not at import: `npm run generate` may have just
 * derived them again from changed types).
 */
export function declarationSchemas(): Record<"auth" | "paginate" | "job" | "rateLimit", JsonSchema> {
  const derived = JSON.parse(readFileSync(new URL("../declaration/declaration-schema.json", import.meta.url), "utf8")) as DeclarationSchema;
  const declaration = (type: string): JsonSchema => ({ $ref: `#/definitions/${type}`, definitions: derived.definitions });
  return {
    auth: declaration("AuthDeclaration"),
    paginate: declaration("PaginationDeclaration"),
    job: declaration("JobDeclaration"),
    rateLimit: declaration("RateLimitDeclaration"),
  };
}

/** `x-secfetch-readme-example`: `true`, or what the README's example passes to the call. */
export const readmeExampleSchema = {
  anyOf: [{ const: true }, { type: "object", additionalProperties: false, properties: { init: { type: "object" } } }],
} as const;
