/**
 * The transport: a chain of small policies around the client's `fetch`, in an order written
 * down once (see `createApiClient`). A request is kept as plain parts with its body as bytes, so
 * a retry or a replay sends exactly the bytes of the first attempt — openapi-fetch middleware
 * cannot re-send, which is why this lives in a `fetch` wrapper.
 */
import { CallRequest } from "./call-request.js";

export interface PipelineRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: Uint8Array | undefined;
  signal: AbortSignal | undefined;
  /** Safe to retry after a connection error or a 5xx: idempotent, or marked so by the spec. */
  retrySafe: boolean;
  /** The outcome of a first attempt the fast path already made, handed to the full chain once. */
  primed?: { outcome: Promise<Response> | undefined } | undefined;
  /** What the fast path signed the first attempt with, so a refusal drops exactly that credential. */
  signed?: unknown;
  /** This attempt's deadline when it is kept by a timer rather than an abort signal (see `timeoutPolicy`). */
  deadline?: Deadline | undefined;
}

/**
 * An attempt's deadline without an `AbortSignal`: `expired` turns true when it passes, and
 * `onExpire`, if set by the step reading the answer, is called then to stop the read.
 */
export interface Deadline {
  expired: boolean;
  onExpire: (() => void) | undefined;
}

export type SendRequest = (request: PipelineRequest) => Promise<Response>;

export interface TransportPolicy {
  readonly name: string;
  send(request: PipelineRequest, next: SendRequest): Promise<Response>;
  /**
   * The fast path: this policy's work before sending, done at once. `false` when it needs its
   * full `send` (a token to wait for, a slot to take). A policy without it is never skipped.
   */
  prepare?(request: PipelineRequest): boolean;
  /** The fast path: `true` when `send` would hand this response back untouched. */
  passes?(response: Response, request: PipelineRequest): boolean;
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

const encoder = new TextEncoder();

/** Takes a `Request` apart once, reading its body into bytes. */
export async function toPipelineRequest(request: Request, retrySafe?: (method: string, url: URL) => boolean): Promise<PipelineRequest> {
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return pipelineRequest(new URL(request.url), request.method, new Headers(request.headers), body, request.signal, retrySafe);
}

/** The same for a `CallRequest`, whose parts are already apart: no copy, no wait. */
function fromCallRequest(request: CallRequest, retrySafe?: (method: string, url: URL) => boolean): PipelineRequest {
  const body = request.body === undefined ? undefined : encoder.encode(request.body);
  return pipelineRequest(new URL(request.url), request.method, request.headers, body, request.signal, retrySafe);
}

function pipelineRequest(
  url: URL,
  method: string,
  headers: Headers,
  body: Uint8Array | undefined,
  signal: AbortSignal | undefined,
  retrySafe: ((method: string, url: URL) => boolean) | undefined,
): PipelineRequest {
  return {
    url,
    method,
    headers,
    body,
    signal,
    retrySafe: isIdempotent(method) || (retrySafe?.(method, url) ?? false),
    // Every field from the start: one object shape for every request.
    primed: undefined,
    signed: undefined,
    deadline: undefined,
  };
}

/** Turns a pipeline into the `(request) => Promise<Response>` that openapi-fetch and our flows call. */
export function toFetch(send: SendRequest, retrySafe?: (method: string, url: URL) => boolean): (request: Request | CallRequest) => Promise<Response> {
  return (request) =>
    request instanceof CallRequest ? send(fromCallRequest(request, retrySafe)) : toPipelineRequest(request, retrySafe).then(send);
}
