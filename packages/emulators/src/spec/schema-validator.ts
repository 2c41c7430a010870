import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import type { OpenApiDocument, Pointer } from "./document.js";

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

const DOCUMENT_ID = "urn:secfetch:openapi";
/** OpenAPI's own formats: numbers are checked by `type`, the rest are annotations. */
const OPENAPI_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password"];

/** One schema failure, with where it is (`/items/0/name`) and Ajv's words for what is wrong. */
export interface SchemaFailure {
  readonly path: string;
  readonly message: string;
}

/**
 * Validates instances against schemas of one OpenAPI document with Ajv (JSON Schema 2020-12,
 * OpenAPI 3.1's dialect). Schemas are compiled on first use, so an emulator with hundreds of
 * operations starts at once; `$ref`s resolve inside the document.
 */
export class SchemaValidator {
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<Pointer, ValidateFunction>();

  /** `coerce`: query, path and header values arrive as text; numbers and booleans are read from it. */
  constructor(document: OpenApiDocument, options: { coerce?: boolean } = {}) {
    this.#ajv = new Ajv2020({
      strict: false,
      allErrors: false,
      logger: false,
      validateSchema: false,
      coerceTypes: options.coerce ? "array" : false,
    });
    addFormats(this.#ajv);
    for (const format of OPENAPI_FORMATS) this.#ajv.addFormat(format, true);
    this.#ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** Checks `value` against the schema at `pointer`; the first failure, or undefined when valid. */
  check(pointer: Pointer, value: unknown): SchemaFailure | undefined {
    const validate = this.#compile(pointer);
    if (validate(value)) return undefined;
    return describe(validate.errors?.[0]);
  }

  /** Checks a value built on the fly (a parameter object), holding `$ref`s into the document. */
  checkInline(key: string, schema: object, value: unknown): SchemaFailure | undefined {
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = this.#ajv.compile({ ...schema, $id: `${DOCUMENT_ID}:${encodeURIComponent(key)}` });
      this.#compiled.set(key, validate);
    }
    if (validate(value)) return undefined;
    return describe(validate.errors?.[0]);
  }

  #compile(pointer: Pointer): ValidateFunction {
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.#compiled.set(pointer, validate);
    }
    return validate;
  }
}

/** Absolute `$ref` into the bundled document, for schemas assembled outside it. */
export const documentRef = (pointer: Pointer): { $ref: string } => ({ $ref: `${DOCUMENT_ID}${pointer}` });

function describe(error: ErrorObject | undefined): SchemaFailure {
  if (!error) return { path: "", message: "is not valid" };
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  let message = error.message ?? "is not valid";
  if (error.keyword === "required") {
    path = `${path}/${String(params["missingProperty"])}`;
    message = "is required";
  } else if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    path = `${path}/${String(params["additionalProperty"] ?? params["unevaluatedProperty"])}`;
    message = "is not allowed here";
  } else if (error.keyword === "enum") {
    message = `must be one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (error.keyword === "const") {
    message = `must be ${JSON.stringify(params["allowedValue"])}`;
  }
  return { path, message };
}
