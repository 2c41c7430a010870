import { nameErrorClass, SecfetchError, type SecfetchErrorOptions } from "./secfetch-error.js";

/** Bad options, thrown synchronously by a factory. The message names the option and the fix. */
export class ConfigurationError extends SecfetchError {
  static {
    nameErrorClass(this, "ConfigurationError");
  }

  /** The option at fault, e.g. `clientSecret` or `baseUrl`. */
  readonly option: string | undefined;

  constructor(message: string, options: SecfetchErrorOptions & { option?: string } = {}) {
    super(message, options);
    this.option = options.option;
  }

  protected override details(): Record<string, unknown> {
    return { option: this.option };
  }
}
