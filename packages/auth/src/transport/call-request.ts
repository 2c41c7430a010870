/**
 * What openapi-fetch builds for a call, kept as the parts it was given. A real `Request` costs
 * more than the rest of a cached-token call (a URL parse, a header copy, an abort signal with a
 * finalizer), and the transport takes it apart again at once; this keeps the parts as they are
 * and tells the transport whether the caller passed a signal at all.
 */
export class CallRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;

  constructor(url: string, method: string, headers: Headers, body: string | undefined, signal: AbortSignal | undefined) {
    this.url = url;
    this.method = method;
    this.headers = headers;
    this.body = body;
    this.signal = signal;
  }
}

export interface RequestClassControl {
  /** The `Request` constructor to hand openapi-fetch. */
  Request: typeof Request;
  /** Make real `Request`s from now on while `inUse()` is true (the user added middleware). */
  realWhile(inUse: () => boolean): void;
}

/**
 * The constructor openapi-fetch calls for each request. It makes a `CallRequest` for the usual
 * call (a string body or none), and a real `Request` when a user's middleware may look at it
 * or for bodies only a `Request` can serialise (FormData, Blob, streams). `instanceof` accepts
 * both, so middleware may still return a `Request` of its own.
 */
export function callRequestClass(): RequestClassControl {
  const Real = globalThis.Request;
  let real: () => boolean = () => false;
  function LightOrReal(input: string | URL | Request, init: RequestInit = {}): CallRequest | Request {
    const body = init.body ?? undefined;
    if (real() || typeof input !== "string" || (body !== undefined && typeof body !== "string")) return new Real(input, init);
    const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    // What a real Request would add for a string body.
    if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "text/plain;charset=UTF-8");
    return new CallRequest(input, (init.method ?? "GET").toUpperCase(), headers, body, init.signal ?? undefined);
  }
  Object.defineProperty(LightOrReal, Symbol.hasInstance, {
    value: (value: unknown) => value instanceof CallRequest || value instanceof Real,
  });
  return {
    Request: LightOrReal as unknown as typeof Request,
    realWhile(inUse) {
      real = inUse;
    },
  };
}
