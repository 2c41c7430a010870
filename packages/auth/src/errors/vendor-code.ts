import { readPointer } from "../declaration/template.js";

/**
 * The machine-readable code a vendor put in an error body, where vendors put one: RFC 6749's
 * `error`, then `code`, then Sophos's `errorCode`. Strings only; a nested object is not a code.
 */
export function vendorErrorCode(body: unknown): string | undefined {
  for (const pointer of ["/error", "/code", "/errorCode"]) {
    const value = readPointer(body, pointer);
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}
