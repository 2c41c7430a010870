import type { VendorIR } from "../ir/vendor-ir.js";
import { generatedHeader } from "./header.js";

/**
 * `src/index.ts`: the package's public surface. Re-exports a hand-written `src/extras/` when the
 * vendor has one, and takes the factory from `src/extras/client.ts` when the vendor wraps it.
 */
export function emitIndex(ir: VendorIR, hasExtras: boolean, extendsClient = false): string {
  const name = ir.clientName;
  const regional = ir.regional ? `\n  type ${name}Region,` : "";
  const factory = extendsClient
    ? `export { create${name}Client, type ${name}Client } from "./extras/client.js";
export {
  definition,
  type ${name}BaseClient,`
    : `export {
  create${name}Client,
  definition,
  type ${name}Client,`;
  return `${generatedHeader(ir)}${factory}
  type ${name}ClientOptions,
  type ${name}Paths,
  type ${name}Pages,
  type ${name}Jobs,${regional}
} from "./generated/client.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  ApiError,
  AuthenticationError,
  ConfigurationError,
  createMemoryTokenStore,
  isSecfetchError,
  JobFailedError,
  NetworkError,
  SecfetchError,
  TimeoutError,
  type Job,
  type JobWaitOptions,
  type SecfetchEvent,
  type TokenSource,
  type TokenStore,
} from "@secfetch/auth";
${hasExtras ? 'export * from "./extras/index.js";\n' : ""}`;
}
