import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import type { VendorIR } from "../ir/vendor-ir.js";
import type { LoadedSpec } from "../load/read-spec.js";
import { generatedHeader } from "./header.js";

/** `src/generated/schema.ts`: the spec's types, by openapi-typescript. */
export async function emitSchema(ir: VendorIR, spec: LoadedSpec): Promise<string> {
  // defaultNonNullable off: a request field with a default is optional to send, not required.
  const ast = await openapiTS(pathToFileURL(spec.absolutePath), { silent: true, defaultNonNullable: false });
  return `${generatedHeader(ir)}/* eslint-disable */\n${astToString(ast)}`;
}
