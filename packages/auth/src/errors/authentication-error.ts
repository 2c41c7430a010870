import { redactValue } from "./redact.js";
import { nameErrorClass, SecfetchError, type SecfetchErrorOptions } from "./secfetch-error.js";

export interface AuthenticationErrorOptions extends SecfetchErrorOptions {
  /** HTTP status of the refusal, when there was a response. */
  status?: number;
  /** The vendor's own error code (`invalid_client`, `invalid_grant`, or a vendor's own form). */
  code?: string;
  /** The parsed error body, redacted. */
  body?: unknown;
}

/** The vendor refused the credentials or the sign-in. */
export class AuthenticationError extends SecfetchError {
  static {
    nameErrorClass(this, "AuthenticationError");
  }

  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly body: unknown;

  constructor(message: string, options: AuthenticationErrorOptions = {}) {
    super(message, options);
    this.status = options.status;
    this.code = options.code === undefined ? undefined : String(redactValue(options.code, options.redactor));
    this.body = redactValue(options.body, options.redactor);
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status, code: this.code, body: this.body };
  }
}
