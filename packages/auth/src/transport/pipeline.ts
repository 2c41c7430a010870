/**
 * The transport: a chain of small policies around the client's `fetch`, in an order written
 * down once (see `createApiClient`). A request is kept as plain parts with its body as bytes, so
 * a retry or a replay sends exactly the bytes of the first attempt — openapi-fetch middleware
 * cannot re-send, which is why this lives in a `fetch` wrapper.
 */
export interface PipelineRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: Uint8Array | undefined;
  signal: AbortSignal | undefined;
  /** Safe to retry after a connection error or a 5xx: idempotent, or marked so by the spec. */
  retrySafe: boolean;
}

export type SendRequest = (request: PipelineRequest) => Promise<Response>;

export interface TransportPolicy {
  readonly name: string;
  send(request: PipelineRequest, next: SendRequest): Promise<Response>;
}

// The methods the contract names idempotent (RFC 9110's TRACE is left out: fetch cannot send it).
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** Chains policies, first one outermost, around `send`. */
export function composePolicies(policies: readonly TransportPolicy[], send: SendRequest): SendRequest {
  return policies.reduceRight<SendRequest>((next, policy) => (request) => policy.send(request, next), send);
}

/** Takes a `Request` apart once, reading its body into bytes. */
export async function toPipelineRequest(request: Request, retrySafe?: (method: string, url: URL) => boolean): Promise<PipelineRequest> {
  const url = new URL(request.url);
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return {
    url,
    method: request.method,
    headers: new Headers(request.headers),
    body,
    signal: request.signal,
    retrySafe: isIdempotent(request.method) || (retrySafe?.(request.method, url) ?? false),
  };
}

/** Turns a pipeline into the `(request) => Promise<Response>` that openapi-fetch and our flows call. */
export function toFetch(send: SendRequest, retrySafe?: (method: string, url: URL) => boolean): (request: Request) => Promise<Response> {
  return async (request) => send(await toPipelineRequest(request, retrySafe));
}
