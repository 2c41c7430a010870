import { readPointer } from "../declaration/template.js";
import { ApiError } from "./api-error.js";
import { vendorErrorCode } from "./vendor-code.js";
import { redactPatterns, type Redactor } from "./redact.js";

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
  const code = vendorErrorCode(body);
  const requestId = response.headers.get("x-request-id") ?? response.headers.get("x-correlation-id") ?? undefined;
  const reason = vendorReason(body, options.redactor);
  return new ApiError(`${options.source}: ${options.doing} failed with HTTP ${response.status}${reason ? `: ${reason}` : ""}.`, {
    status: response.status,
    body,
    ...(typeof code === "string" ? { code } : {}),
    ...(requestId ? { requestId } : {}),
    ...(options.redactor ? { redactor: options.redactor } : {}),
    hint: options.hint ?? (response.status === 429 ? "The vendor's rate limit held after the retries; slow down or raise maxRetries." : "Inspect `body` for the vendor's reason."),
  });
}

/** The vendor's own sentence about the failure, where vendors put one; redacted, then shortened. */
function vendorReason(body: unknown, redactor: Redactor | undefined): string | undefined {
  for (const pointer of ["/message", "/error_description", "/detail", "/error/message", "/status", "/error"]) {
    const value = readPointer(body, pointer);
    if (typeof value !== "string" || value.trim() === "") continue;
    const line = value.split(/\r?\n/)[0]!.trim();
    const clean = redactor ? redactor.redact(line) : redactPatterns(line);
    return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean.replace(/\.$/, "");
  }
  return undefined;
}
