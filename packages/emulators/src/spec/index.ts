/** The spec-driven core every emulator is built on; no vendor names in it. */
export { SpecEngine } from "./spec-engine.js";
export type { ServedRequest, SpecEngineOptions } from "./spec-engine.js";
export type { OpenApiDocument } from "./document.js";
export type { SpecOperation } from "./operations.js";
export type { ValidatedRequest } from "./request-validator.js";
