import type { RequestContext } from "./context.js";
import { badRequest } from "./state.js";

/**
 * Readers of REST write bodies the spec has already checked (types, lengths, patterns, enums):
 * each returns `undefined` when the field is absent, and reads `null` as Tastypie does. Unknown
 * and read-only fields are left alone: Tastypie ignores them.
 */
export class BodyReader {
  private readonly body: Record<string, unknown>;

  /** The request's body as the spec checked it: a JSON object (every write body is required). */
  constructor(ctx: RequestContext) {
    this.body = ctx.input.body as Record<string, unknown>;
  }

  has(name: string): boolean {
    return this.body[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.body[name];
    return value === null ? "" : (value as string | undefined);
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw badRequest(`"${name}" is required.`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    return this.body[name] as boolean | undefined;
  }

  /** An enum value; `null` and `""` mean "none". */
  oneOf<T extends string>(name: string): T | null | undefined {
    const value = this.body[name];
    return value === undefined ? undefined : value === null || value === "" ? null : (value as T);
  }

  raw(name: string): unknown {
    return this.body[name];
  }
}

