import { ApiError } from "../errors/api-error.js";
import type { Redactor } from "../errors/redact.js";
import { displayUrl } from "../events.js";
import type { PipelineRequest } from "./pipeline.js";

export interface BufferedContext {
  request: PipelineRequest;
  source: string;
  redactor?: Redactor | undefined;
}

type BodyRead = "arrayBuffer" | "blob" | "bytes" | "formData" | "json" | "text";

const decoder = new TextDecoder();

/**
 * A response over a body already read whole, with the status and headers of the one read. The
 * bytes are handed out as asked for (`json()`, `text()`, …) and a stream is made only for a
 * caller that takes `body`: a stream per call was the largest cost of a cached-token call.
 * `json()` fails with an `ApiError`, not a raw `SyntaxError`: a body that is not the JSON it
 * claims to be is the vendor's fault (or a proxy's login page).
 */
export class BufferedResponse extends Response {
  // Private, so logging a response never shows the redactor (which knows the secrets).
  readonly #context: BufferedContext;
  #bytes: Uint8Array | undefined;
  // Made on the first read of `body`; from then on every read goes through it.
  #streamed: Response | undefined;

  constructor(bytes: Uint8Array, read: Pick<Response, "status" | "statusText" | "headers">, context: BufferedContext) {
    super(null, { status: read.status, statusText: read.statusText, headers: read.headers });
    this.#bytes = bytes;
    this.#context = context;
  }

  static body(response: BufferedResponse): ReadableStream<Uint8Array> | null {
    if (!response.#streamed && response.#bytes) {
      response.#streamed = new Response(response.#bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
      response.#bytes = undefined;
    }
    return response.#streamed?.body ?? null;
  }

  static bodyUsed(response: BufferedResponse): boolean {
    return response.#streamed ? response.#streamed.bodyUsed : response.#bytes === undefined;
  }

  static read(response: BufferedResponse, kind: BodyRead): Promise<unknown> {
    if (response.#streamed) return kind === "json" ? response.#streamed.text().then((text) => parse(response, text)) : (response.#streamed as unknown as Record<BodyRead, () => Promise<unknown>>)[kind]();
    const bytes = response.#bytes;
    if (!bytes) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    response.#bytes = undefined;
    try {
      switch (kind) {
        case "json":
          return Promise.resolve(parse(response, decoder.decode(bytes)));
        case "text":
          return Promise.resolve(decoder.decode(bytes));
        case "arrayBuffer":
          return Promise.resolve(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer);
        case "bytes":
          return Promise.resolve(bytes);
        case "blob":
          return Promise.resolve(new Blob([bytes], { type: response.headers.get("content-type") ?? "" }));
        case "formData":
          return new Response(bytes, { headers: response.headers }).formData();
      }
    } catch (error) {
      return Promise.reject(error);
    }
  }

  static contextOf(response: BufferedResponse): BufferedContext {
    return response.#context;
  }

  static clone(response: BufferedResponse): Response {
    if (BufferedResponse.bodyUsed(response)) throw new TypeError("Response.clone: Body has already been consumed.");
    if (response.#streamed) return response.#streamed.clone();
    return new BufferedResponse((response.#bytes as Uint8Array).slice(), response, response.#context);
  }
}

function parse(response: BufferedResponse, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { request, source, redactor } = BufferedResponse.contextOf(response);
    throw new ApiError(`${source}: ${request.method} ${displayUrl(request.url)} answered HTTP ${response.status} with a body that is not JSON.`, {
      status: response.status,
      code: "invalid_json",
      cause: error,
      ...(redactor ? { redactor } : {}),
      hint: "Check baseUrl points at the API (a proxy or login page answers HTML); if it does, the vendor sent a broken answer.",
    });
  }
}

// On the prototype, not per instance (the lib types declare these as properties, so no `override`).
// `bytes()` only where the runtime's Response has it.
for (const kind of ["arrayBuffer", "blob", "bytes", "formData", "json", "text"] as const) {
  if (!(kind in Response.prototype)) continue;
  Object.defineProperty(BufferedResponse.prototype, kind, {
    value(this: BufferedResponse) {
      return BufferedResponse.read(this, kind);
    },
    writable: true,
    configurable: true,
  });
}
Object.defineProperty(BufferedResponse.prototype, "body", {
  get(this: BufferedResponse) {
    return BufferedResponse.body(this);
  },
  configurable: true,
});
Object.defineProperty(BufferedResponse.prototype, "bodyUsed", {
  get(this: BufferedResponse) {
    return BufferedResponse.bodyUsed(this);
  },
  configurable: true,
});
Object.defineProperty(BufferedResponse.prototype, "clone", {
  value(this: BufferedResponse) {
    return BufferedResponse.clone(this);
  },
  writable: true,
  configurable: true,
});
