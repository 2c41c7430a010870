import { badRequest } from "./state.js";

/**
 * Readers of REST write bodies: each returns `undefined` when the field is absent and answers
 * 400 `{"error": ...}` for a value of the wrong type or out of bounds. Unknown and read-only
 * fields are not checked here: Tastypie ignores them.
 */
export class BodyReader {
  constructor(private readonly body: Record<string, unknown>) {}

  has(name: string): boolean {
    return this.body[name] !== undefined;
  }

  string(name: string, maxLength: number, pattern?: RegExp, patternHelp?: string): string | undefined {
    const value = this.body[name];
    if (value === undefined) return undefined;
    if (value === null) return "";
    if (typeof value !== "string") throw badRequest(`"${name}" must be a string.`);
    if (value.length > maxLength) throw badRequest(`"${name}" must be at most ${maxLength} characters.`);
    if (pattern && value !== "" && !pattern.test(value)) throw badRequest(`"${name}" ${patternHelp ?? "is not valid"}.`);
    return value;
  }

  required(name: string, maxLength: number, pattern?: RegExp, patternHelp?: string): string {
    const value = this.string(name, maxLength, pattern, patternHelp);
    if (value === undefined || value === "") throw badRequest(`"${name}" is required.`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw badRequest(`"${name}" must be true or false.`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | null | undefined {
    const value = this.body[name];
    if (value === undefined) return undefined;
    if (value === null || value === "") return null;
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      throw badRequest(`"${name}" must be one of ${allowed.join(", ")}.`);
    }
    return value as T;
  }

  raw(name: string): unknown {
    return this.body[name];
  }
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MOBILE = /^\+\d{1,4}-\d{4,20}$/;
export const COUNTRY = /^[A-Z]{2}$/;
export const USERNAME = /^[A-Za-z0-9@.+_-]+$/;
/** An IPv4 address or IPv4 subnet in CIDR form. */
export const ADDRESS = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([12]?\d|3[0-2]))?$/;
