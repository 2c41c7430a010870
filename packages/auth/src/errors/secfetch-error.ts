import { redactPatterns, redactValue, type Redactor } from "./redact.js";

export interface SecfetchErrorOptions {
  /** The underlying error; kept only as a redacted copy. */
  cause?: unknown;
  /** What the user can do about it; appended to the message. */
  hint?: string;
  /** Removes this client's secret values from everything the error holds. */
  redactor?: Redactor;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");
// A registry symbol rather than `instanceof`: it holds when two copies of the package are installed,
// and for vendor error classes that extend SecfetchError.
const BRAND = Symbol.for("secfetch.error");

/**
 * The base of every error secfetch throws. Its message, `cause`, `toJSON()` and `util.inspect`
 * output are redacted when the error is built, so nothing secret survives to be logged.
 */
export class SecfetchError extends Error {
  static {
    // On the prototype rather than as a field: V8 formats `stack` from `name` while the
    // constructor runs, before any field initialiser, and the stack must show the class name.
    nameErrorClass(this, "SecfetchError");
    Object.defineProperty(this.prototype, BRAND, { value: true });
  }

  /** What to do about it, when we know. */
  readonly hint: string | undefined;

  constructor(message: string, options: SecfetchErrorOptions = {}) {
    const redact = (text: string) => (options.redactor ? options.redactor.redact(text) : redactPatterns(text));
    const full = options.hint ? `${message} ${options.hint}` : message;
    super(redact(full), options.cause === undefined ? undefined : { cause: sanitizeCause(options.cause, redact, options.redactor) });
    this.hint = options.hint === undefined ? undefined : redact(options.hint);
  }

  /** Fields subclasses add to `toJSON` and `util.inspect`. */
  protected details(): Record<string, unknown> {
    return {};
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message, ...this.details() };
    if (this.cause !== undefined) json.cause = causeToJSON(this.cause);
    return json;
  }

  [inspectSymbol](): string {
    const details = this.details();
    const lines = [this.stack ?? `${this.name}: ${this.message}`];
    const fields = Object.entries(details).filter(([, v]) => v !== undefined);
    if (fields.length > 0) lines.push(`  ${JSON.stringify(Object.fromEntries(fields))}`);
    if (this.cause !== undefined) lines.push(`  [cause]: ${JSON.stringify(causeToJSON(this.cause))}`);
    return lines.join("\n");
  }
}

export function isSecfetchError(error: unknown): error is SecfetchError {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[BRAND] === true;
}

/** Sets a subclass's `name` on its prototype (see the static block above). */
export function nameErrorClass(errorClass: { prototype: Error }, name: string): void {
  Object.defineProperty(errorClass.prototype, "name", { value: name, writable: true, configurable: true });
}

/**
 * A copy of a thrown value that keeps what helps debugging (name, message, code, errno, syscall)
 * and drops everything else: a foreign error may hold a request with its headers.
 */
function sanitizeCause(cause: unknown, redact: (text: string) => string, redactor: Redactor | undefined, depth = 0): unknown {
  if (cause instanceof SecfetchError) return cause;
  if (!(cause instanceof Error)) return redactValue(cause, redactor);
  const copy = new Error(redact(cause.message));
  Object.defineProperty(copy, "name", { value: cause.name, enumerable: false, configurable: true, writable: true });
  copy.stack = `${cause.name}: ${copy.message}`;
  for (const key of ["code", "errno", "syscall"] as const) {
    const value = (cause as unknown as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") (copy as unknown as Record<string, unknown>)[key] = value;
  }
  if (cause.cause !== undefined && depth < 4) copy.cause = sanitizeCause(cause.cause, redact, redactor, depth + 1);
  return copy;
}

function causeToJSON(cause: unknown): unknown {
  if (cause instanceof SecfetchError) return cause.toJSON();
  if (cause instanceof Error) {
    const json: Record<string, unknown> = { name: cause.name, message: cause.message };
    const code = (cause as { code?: unknown }).code;
    if (code !== undefined) json.code = code;
    if (cause.cause !== undefined) json.cause = causeToJSON(cause.cause);
    return json;
  }
  return cause;
}
