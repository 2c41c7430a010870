/** `@secfetch/emulators/spec`: the spec-driven core and the bundled vendor documents, for tools that check requests or answers against a spec. */
export * from "./index.js";
export { OPENAPI_DOCUMENTS } from "./documents.js";
export { SeededRandom } from "../shared/seeded-random.js";
