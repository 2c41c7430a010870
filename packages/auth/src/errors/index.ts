export { SecfetchError, isSecfetchError, nameErrorClass, type SecfetchErrorOptions } from "./secfetch-error.js";
export { ConfigurationError } from "./configuration-error.js";
export { AuthenticationError, type AuthenticationErrorOptions } from "./authentication-error.js";
export { ApiError, type ApiErrorOptions } from "./api-error.js";
export { TimeoutError } from "./timeout-error.js";
export { JobFailedError, type JobFailedErrorOptions } from "./job-failed-error.js";
export { responseError, type ResponseErrorOptions } from "./response-error.js";
export { NetworkError } from "./network-error.js";
export { createRedactor, redactPatterns, redactValue, isSecretKey, REDACTED, type Redactor } from "./redact.js";
