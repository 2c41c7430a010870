import { redactValue } from "./redact.js";
import { nameErrorClass, SecfetchError, type SecfetchErrorOptions } from "./secfetch-error.js";

export interface JobFailedErrorOptions extends SecfetchErrorOptions {
  state: string | undefined;
  outcome: string | undefined;
  /** The job's last status body. */
  job: unknown;
}

/** A long-running job finished, but not with a success: the server ran it and said it failed, timed out or was cancelled. */
export class JobFailedError extends SecfetchError {
  static {
    nameErrorClass(this, "JobFailedError");
  }

  readonly state: string | undefined;
  readonly outcome: string | undefined;
  readonly job: unknown;

  constructor(message: string, options: JobFailedErrorOptions) {
    super(message, options);
    this.state = options.state;
    this.outcome = options.outcome;
    this.job = redactValue(options.job, options.redactor);
  }

  protected override details(): Record<string, unknown> {
    return { state: this.state, outcome: this.outcome, job: this.job };
  }
}
