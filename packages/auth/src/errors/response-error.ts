import { readPointer } from "../declaration/template.js";
import { ApiError } from "./api-error.js";
import type { Redactor } from "./redact.js";

export interface ResponseErrorOptions {
  /** What was being done, for the message: `GET /things while paging`. */
  doing: string;
  response: Response;
  /** The parsed error body openapi-fetch handed back. */
  body: unknown;
  source: string;
  redactor?: Redactor | undefined;
  hint?: string;
}

/** The `ApiError` for a failed response that a helper (paging, a job) must throw rather than return. */
export function responseError(options: ResponseErrorOptions): ApiError {
  const { response, body } = options;
  const code = readPointer(body, "/error") ?? readPointer(body, "/code") ?? readPointer(body, "/errorCode");
  const requestId = response.headers.get("x-request-id") ?? response.headers.get("x-correlation-id") ?? undefined;
  return new ApiError(`${options.source}: ${options.doing} failed with HTTP ${response.status}.`, {
    status: response.status,
    body,
    ...(typeof code === "string" ? { code } : {}),
    ...(requestId ? { requestId } : {}),
    ...(options.redactor ? { redactor: options.redactor } : {}),
    hint: options.hint ?? (response.status === 429 ? "The vendor's rate limit held after the retries; slow down or raise maxRetries." : "Inspect `body` for the vendor's reason."),
  });
}
