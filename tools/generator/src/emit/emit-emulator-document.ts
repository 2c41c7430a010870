import type { VendorIR } from "../ir/vendor-ir.js";
import { generatedHeader } from "./header.js";

/** Where the emulators package keeps a vendor's bundled document, relative to the repository root. */
export const emulatorDocumentPath = (vendor: string): string => `packages/emulators/src/${vendor}/generated/openapi.ts`;

/** Keywords that only document: the emulator never reads them, so the bundle leaves them out. */
const PROSE = new Set(["description", "summary", "externalDocs", "title", "tags", "license", "contact", "x-secfetch-auth"]);
/** Maps whose keys are names chosen by the spec's author (a property called `description` is data, not prose). */
const NAMED_MAPS = new Set(["properties", "patternProperties", "$defs", "paths", "responses", "content", "schemas", "parameters", "headers", "securitySchemes", "requestBodies", "examples", "callbacks", "links", "encoding", "mapping", "scopes", "variables"]);
/** Keywords whose value is an instance (or instances), copied verbatim. */
const VALUES = new Set(["example", "default", "const", "enum", "value"]);

/**
 * The emulators' copy of a vendor's OpenAPI document: every keyword the emulator acts on (paths,
 * parameters, schemas, examples, `x-secfetch-*`), without the prose. It is a TypeScript module,
 * not JSON, so it loads in every runtime the emulators run in without import attributes, and the
 * published package never reads `specs/` at run time.
 */
export function emitEmulatorDocument(ir: VendorIR, document: Record<string, unknown>): string {
  const compact = stripProse(document, "keywords");
  return [
    generatedHeader(ir),
    'import type { OpenApiDocument } from "../../spec/document.js";',
    "",
    "/** The vendor's OpenAPI document without its prose; the emulator serves every operation in it. */",
    `export const openApiDocument: OpenApiDocument = ${JSON.stringify(compact, null, 1)};`,
    "",
  ].join("\n");
}

function stripProse(value: unknown, mode: "keywords" | "names"): unknown {
  if (Array.isArray(value)) return value.map((item) => stripProse(item, "keywords"));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (mode === "names") {
      out[key] = stripProse(child, "keywords");
      continue;
    }
    if (PROSE.has(key)) continue;
    if (VALUES.has(key)) out[key] = child;
    // `examples` is a list of instances on a schema, a map of Example objects on a media type.
    else if (key === "examples") out[key] = Array.isArray(child) ? child : stripProse(child, "names");
    else out[key] = stripProse(child, NAMED_MAPS.has(key) ? "names" : "keywords");
  }
  return out;
}
