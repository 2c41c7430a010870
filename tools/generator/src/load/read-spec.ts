import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

export interface LoadedSpec {
  /** Folder name under specs/, e.g. `paloalto-saas-security`. */
  vendor: string;
  /** Absolute path of the spec file. */
  absolutePath: string;
  /** Path relative to the repository root with forward slashes, as messages and headers show it. */
  file: string;
  document: Record<string, unknown>;
  /** First 12 hex digits of the spec text's SHA-256: generated files name it, so drift shows. */
  hash: string;
}

export class SpecError extends Error {
  override name = "SpecError";
}

/** The spec path of a vendor: `specs/<vendor>/openapi.yaml` under the root. */
export const specPath = (root: string, vendor: string) => path.join(root, "specs", vendor, "openapi.yaml");

/** Reads and parses a vendor's spec; `text` when the caller has already read the file. */
export async function readSpec(root: string, vendor: string, text?: string): Promise<LoadedSpec> {
  const absolutePath = specPath(root, vendor);
  const file = path.relative(root, absolutePath).split(path.sep).join("/");
  text ??= await readFile(absolutePath, "utf8");
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true });
  } catch (error) {
    throw new SpecError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new SpecError(`${file}: the document is not a YAML mapping.`);
  }
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 12);
  return { vendor, absolutePath, file, document: document as Record<string, unknown>, hash };
}
