import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** Default cap on a request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * A request the emulator refuses. Shared helpers throw it with a generic OAuth-style `code`
 * (`invalid_request`, `unsupported_media_type`, …); each vendor renders it in its own error shape.
 * `description` must never contain a secret or token.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(`${status} ${code}: ${description}`);
    this.name = "HttpError";
  }
}

/** Reads the whole body. Over `limitBytes` → 413 (checked against Content-Length first). */
export async function readBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  const tooLarge = () => new HttpError(413, "invalid_request", `Request body exceeds ${limitBytes} bytes`);
  if (declared > limitBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  // Keep draining past the limit (leaving the loop early would destroy the socket before the 413).
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limitBytes) chunks.push(chunk);
  }
  if (size > limitBytes) throw tooLarge();
  return Buffer.concat(chunks);
}

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends a response without a body (204 by default). */
export function sendEmpty(res: ServerResponse, status = 204, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** A parsed Content-Type: lower-case essence (`application/json`) and lower-case charset, if any. */
export interface MediaType {
  essence: string;
  charset: string | undefined;
}

/** Parses the request's Content-Type, or `undefined` when absent or malformed. */
export function mediaTypeOf(req: IncomingMessage): MediaType | undefined {
  const header = req.headers["content-type"];
  if (!header) return undefined;
  const [essence = "", ...params] = header.split(";").map((part) => part.trim());
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(essence)) return undefined;
  let charset: string | undefined;
  for (const param of params) {
    const match = /^charset="?([^";]+)"?$/i.exec(param);
    if (match) charset = match[1]!.toLowerCase();
  }
  return { essence: essence.toLowerCase(), charset };
}

const FORM_CHARSETS: Record<string, BufferEncoding> = {
  "utf-8": "utf8",
  utf8: "utf8",
  "iso-8859-1": "latin1",
  "us-ascii": "latin1",
};

/**
 * Decodes one `application/x-www-form-urlencoded` component (`+` is a space, `%XX` a byte) in
 * `charset`. A malformed escape or invalid UTF-8 → 400 `invalid_request`.
 */
export function formUrlDecode(text: string, charset = "utf-8"): string {
  const encoding = FORM_CHARSETS[charset];
  if (!encoding) throw new HttpError(415, "unsupported_media_type", `Unsupported charset "${charset}"`);
  if (/%(?![0-9a-fA-F]{2})/.test(text)) {
    throw new HttpError(400, "invalid_request", "Malformed percent-encoding");
  }
  const parts: Buffer[] = [];
  for (const [token] of text.matchAll(/%[0-9a-fA-F]{2}|\+|[^%+]+/g)) {
    if (token === "+") parts.push(Buffer.from([0x20]));
    else if (token.startsWith("%")) parts.push(Buffer.from([parseInt(token.slice(1), 16)]));
    else parts.push(Buffer.from(token, encoding));
  }
  const buffer = Buffer.concat(parts);
  if (encoding === "latin1") return buffer.toString("latin1");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new HttpError(400, "invalid_request", "Form data is not valid UTF-8");
  }
}

/**
 * Parses a form body. The Content-Type must be `application/x-www-form-urlencoded` (with an
 * optional charset of UTF-8, ISO-8859-1 or US-ASCII), else 415 `unsupported_media_type`.
 * Repeated names are kept (read them with `getAll`).
 */
export function parseFormBody(req: IncomingMessage, body: Buffer): URLSearchParams {
  const type = mediaTypeOf(req);
  if (type?.essence !== "application/x-www-form-urlencoded") {
    throw new HttpError(415, "unsupported_media_type", "Content-Type must be application/x-www-form-urlencoded");
  }
  const charset = type.charset ?? "utf-8";
  const text = body.toString(FORM_CHARSETS[charset] === "latin1" ? "latin1" : "utf8");
  const params = new URLSearchParams();
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = formUrlDecode(eq < 0 ? pair : pair.slice(0, eq), charset);
    params.append(name, eq < 0 ? "" : formUrlDecode(pair.slice(eq + 1), charset));
  }
  return params;
}

/**
 * Parses a JSON body. The Content-Type must be `application/json` (charset, if given, UTF-8),
 * else 415 `unsupported_media_type`; malformed JSON or a non-object → 400 `invalid_request`.
 */
export function parseJsonBody(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = mediaTypeOf(req);
  if (type?.essence !== "application/json" || (type.charset !== undefined && type.charset !== "utf-8")) {
    throw new HttpError(415, "unsupported_media_type", "Content-Type must be application/json");
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new HttpError(400, "invalid_request", "Request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, "invalid_request", "Request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/**
 * Reads a query string strictly: a name outside `allowed`, a repeated name, or an empty value
 * → 400 `invalid_request`. Returns the values by name.
 */
export function strictQuery(url: URL, allowed: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      const known = allowed.length ? `; allowed: ${allowed.join(", ")}` : "";
      throw new HttpError(400, "invalid_request", `Unknown query parameter "${name}"${known}`);
    }
    if (values.has(name)) throw new HttpError(400, "invalid_request", `Query parameter "${name}" is repeated`);
    if (value === "") throw new HttpError(400, "invalid_request", `Query parameter "${name}" is empty`);
    values.set(name, value);
  }
  return values;
}

/** Parses a base-10 integer query value within [min, max], else 400 `invalid_request`. */
export function integerParam(name: string, raw: string, min: number, max: number): number {
  const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new HttpError(400, "invalid_request", `"${name}" must be an integer from ${min} to ${max}`);
  }
  return value;
}
