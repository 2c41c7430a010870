import { pathToFileURL } from "node:url";
import type { VendorIR } from "../ir/vendor-ir.js";
import type { LoadedSpec } from "../load/read-spec.js";
import { generatedHeader } from "./header.js";

/** `src/generated/schema.ts`: the spec's types, by openapi-typescript. */
export async function emitSchema(ir: VendorIR, spec: LoadedSpec): Promise<string> {
  // Loaded only when a schema is emitted: with TypeScript it is most of a cold run.
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  // defaultNonNullable off: a request field with a default is optional to send, not required.
  const ast = await openapiTS(pathToFileURL(spec.absolutePath), { silent: true, defaultNonNullable: false });
  return `${generatedHeader(ir)}/* eslint-disable */\n${astToString(ast)}`;
}
