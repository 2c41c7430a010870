import { ApiError } from "../errors/api-error.js";
import { NetworkError } from "../errors/network-error.js";
import type { Redactor } from "../errors/redact.js";
import { displayUrl } from "../events.js";
import { markFinal } from "../util/final-errors.js";
import type { PipelineRequest } from "./pipeline.js";

/** Default largest API response body: far above any JSON page these APIs send. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface CappedBodyOptions {
  maxBytes: number;
  source: string;
  redactor?: Redactor | undefined;
}

/**
 * Reads a response's whole body inside the attempt that fetched it, so the attempt's deadline
 * covers the body, a body past `maxBytes` stops being read (and is never retried), and a
 * connection reset after the headers is a `NetworkError` the retry policy can act on. Returns a
 * response with the same status and headers over the bytes read.
 */
export async function readCappedBody(response: Response, request: PipelineRequest, options: CappedBodyOptions): Promise<Response> {
  // Nothing to read: an opaque redirect (browsers), or a status that has no body.
  if (response.body === null || response.type === "opaqueredirect" || response.status < 200) return response;
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body.cancel().catch(() => {});
    throw tooLarge(request, options);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(request, options);
      }
      chunks.push(value);
    }
  } catch (error) {
    // The deadline or the caller stopped it: their policies say which.
    if (request.signal?.aborted || error instanceof NetworkError) throw error;
    throw new NetworkError(`${options.source}: ${request.method} ${displayUrl(request.url)}: the connection broke while the answer was read.`, {
      cause: error,
      ...(options.redactor ? { redactor: options.redactor } : {}),
      hint: "A reset after the headers; safe requests are retried. If it keeps happening, check proxies between you and the vendor.",
    });
  }
  const bytes = chunks.length === 1 ? chunks[0]! : concat(chunks, total);
  // 204, 205 and 304 may carry no body in a Response.
  if ([204, 205, 304].includes(response.status)) return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  // The bytes as read: their real length (fetch has already undone any content-encoding).
  const headers = new Headers(response.headers);
  headers.delete("content-encoding");
  // Read whole, the body is no longer chunked: openapi-fetch takes `chunked` + length 0 as a JSON body to parse.
  headers.delete("transfer-encoding");
  headers.set("content-length", String(bytes.byteLength));
  const read = new Response(bytes, { status: response.status, statusText: response.statusText, headers });
  if (bytes.byteLength === 0) return read;
  // A body that is not the JSON it claims to be is the vendor's fault: an ApiError, not a raw SyntaxError.
  const parse = read.json.bind(read);
  Object.defineProperty(read, "json", {
    value: async () => {
      try {
        return await parse();
      } catch (error) {
        throw new ApiError(`${options.source}: ${request.method} ${displayUrl(request.url)} answered HTTP ${response.status} with a body that is not JSON.`, {
          status: response.status,
          code: "invalid_json",
          cause: error,
          ...(options.redactor ? { redactor: options.redactor } : {}),
          hint: "Check baseUrl points at the API (a proxy or login page answers HTML); if it does, the vendor sent a broken answer.",
        });
      }
    },
  });
  return read;
}

function tooLarge(request: PipelineRequest, options: CappedBodyOptions): NetworkError {
  const error = new NetworkError(`${options.source}: ${request.method} ${displayUrl(request.url)} answered with more than ${options.maxBytes} bytes; stopped reading.`, {
    ...(options.redactor ? { redactor: options.redactor } : {}),
    hint: "Narrow the request (a smaller page size or time range), or raise `maxResponseBytes` if such answers are expected.",
  });
  // The same request gets the same answer: retrying would only read it again.
  markFinal(error);
  return error;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
