import { redactValue } from "./redact.js";
import { nameErrorClass, SecfetchError, type SecfetchErrorOptions } from "./secfetch-error.js";

export interface ApiErrorOptions extends SecfetchErrorOptions {
  status: number;
  body?: unknown;
  code?: string;
  /** The vendor's request or correlation id, for support tickets. */
  requestId?: string;
}

/** A failed API response where one must be thrown (pagination). */
export class ApiError extends SecfetchError {
  static {
    nameErrorClass(this, "ApiError");
  }

  readonly status: number;
  readonly body: unknown;
  readonly code: string | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, options: ApiErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.body = redactValue(options.body, options.redactor);
    this.code = options.code === undefined ? undefined : String(redactValue(options.code, options.redactor));
    this.requestId = options.requestId === undefined ? undefined : String(redactValue(options.requestId, options.redactor));
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status, code: this.code, requestId: this.requestId, body: this.body };
  }
}
