import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { compileOperations } from "@secfetch/emulators/spec";
import type { OpenApiDocument } from "@secfetch/emulators/spec";

/**
 * Route keys of the operations a vendor's declared sign-in (`x-secfetch-auth`: token, challenge
 * polls, discovery, session steps) calls: every URL template in the declaration, matched to the
 * spec's paths. The bundled documents leave the declaration out, so it is read from the spec.
 */
export async function signInOperations(vendor: string, document: OpenApiDocument): Promise<Set<string>> {
  const spec = parse(await readFile(new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url), "utf8")) as Record<string, unknown>;
  const paths = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        const match = key === "url" && typeof value === "string" ? /^\{[A-Za-z]+\}(\/[^?]*)/.exec(value) : null;
        if (match) paths.add(match[1]!);
        else visit(value);
      }
    }
  };
  visit(spec["x-secfetch-auth"]);
  return new Set(compileOperations(document).filter((op) => paths.has(op.path)).map((op) => op.key));
}
