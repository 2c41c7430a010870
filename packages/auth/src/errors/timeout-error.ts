import { nameErrorClass, SecfetchError, type SecfetchErrorOptions } from "./secfetch-error.js";

/** An attempt took longer than `timeoutMs` (or a sign-in step longer than its deadline). */
export class TimeoutError extends SecfetchError {
  static {
    nameErrorClass(this, "TimeoutError");
  }

  readonly timeoutMs: number;

  constructor(message: string, options: SecfetchErrorOptions & { timeoutMs: number }) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { timeoutMs: this.timeoutMs };
  }
}
