/**
 * The spec-driven core every emulator is built on (no vendor names in it), and the bundled
 * documents: `@secfetch/emulators/spec` for tools that check requests or answers against a spec.
 */
export { SpecEngine } from "./spec-engine.js";
export type { ExternalCollection, RouteChecks, ServedRequest, SpecEngineOptions } from "./spec-engine.js";
export type { JsonSchema, OpenApiDocument, Pointer } from "./document.js";
export { compileOperations, preferredContent, successOf } from "./operations.js";
export type { SpecMediaType, SpecOperation, SpecParameter, SpecResponse } from "./operations.js";
export type { RequestDialect, ValidatedRequest, ValidationSkips } from "./request-validator.js";
export type { Behaviour, CollectionShape } from "./resource-shapes.js";
export type { JobSettings } from "./jobs.js";
export { SchemaValidator } from "./schema-validator.js";
export type { SchemaFailure } from "./schema-validator.js";
export { synthesize } from "./synthesize.js";
export type { SynthesisContext } from "./synthesize.js";
export { startSpecServer } from "./spec-server.js";
export type { SpecServer, SpecServerOptions } from "./spec-server.js";
