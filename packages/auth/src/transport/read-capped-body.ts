import { NetworkError } from "../errors/network-error.js";
import type { Redactor } from "../errors/redact.js";
import { displayUrl } from "../events.js";
import { markFinal } from "../util/final-errors.js";
import { BufferedResponse } from "./buffered-response.js";
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
  const length = response.headers.get("content-length");
  const declared = length === null ? Number.NaN : Number(length);
  const encoded = response.headers.has("content-encoding");
  if (declared > options.maxBytes) {
    await response.body.cancel().catch(() => {});
    throw tooLarge(request, options);
  }
  let bytes: Uint8Array;
  try {
    // A declared length within the cap is all the connection can deliver, unless it is the
    // compressed size: then, as for a body of unknown length, it is read chunk by chunk. So is
    // a body whose deadline is a timer: cancelling the reader is how the timer stops it.
    const whole = Number.isFinite(declared) && !encoded && !request.deadline;
    bytes = whole ? new Uint8Array(await response.arrayBuffer()) : await readChunks(response.body, request, options);
  } catch (error) {
    // The deadline or the caller stopped it: their policies say which.
    if (request.signal?.aborted || request.deadline?.expired || error instanceof NetworkError) throw error;
    throw new NetworkError(`${options.source}: ${request.method} ${displayUrl(request.url)}: the connection broke while the answer was read.`, {
      cause: error,
      ...(options.redactor ? { redactor: options.redactor } : {}),
      hint: "A reset after the headers; safe requests are retried. If it keeps happening, check proxies between you and the vendor.",
    });
  }
  // 204, 205 and 304 may carry no body in a Response.
  if (response.status === 204 || response.status === 205 || response.status === 304) return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  // An empty body is no data: openapi-fetch reads none, and `json()` stays the plain one.
  if (bytes.byteLength === 0) return new Response(bytes, { status: response.status, statusText: response.statusText, headers: bufferedHeaders(response.headers, 0, length, encoded) });
  return new BufferedResponse(bytes, { status: response.status, statusText: response.statusText, headers: bufferedHeaders(response.headers, bytes.byteLength, length, encoded) }, { request, source: options.source, redactor: options.redactor });
}

/** The headers of a body read whole: its real length, no content-encoding (fetch undid it), not chunked. */
function bufferedHeaders(headers: Headers, length: number, declared: string | null, encoded: boolean): Headers {
  // A declared length that was all there was (no encoding) is already right; chunking and a length never come together.
  if (!encoded && declared === String(length)) return headers;
  const copy = new Headers(headers);
  copy.delete("content-encoding");
  // openapi-fetch takes `chunked` + length 0 as a JSON body to parse.
  copy.delete("transfer-encoding");
  copy.set("content-length", String(length));
  return copy;
}

async function readChunks(body: ReadableStream<Uint8Array>, request: PipelineRequest, options: CappedBodyOptions): Promise<Uint8Array> {
  const reader = body.getReader();
  const { deadline } = request;
  if (deadline) {
    // An answer that came after its deadline is closed unread; one that is being read is stopped when it passes.
    if (deadline.expired) {
      await reader.cancel().catch(() => {});
      throw pastDeadline();
    }
    deadline.onExpire = () => void reader.cancel().catch(() => {});
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      // The deadline's cancel ends the stream as a finished body would: told apart here.
      if (deadline?.expired) throw pastDeadline();
      break;
    }
    total += value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(request, options);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : concat(chunks, total);
}

function pastDeadline(): Error {
  return new Error("the attempt's deadline passed while its answer was read");
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
