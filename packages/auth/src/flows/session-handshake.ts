import { readPointer } from "../declaration/template.js";
import type { SessionDeclaration } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import type { Redactor } from "../errors/redact.js";
import { displayUrl } from "../events.js";
import { isHeaderSafe } from "../util/header-value.js";
import { readJsonBody } from "../util/read-json-body.js";
import { stepRequest } from "./step-request.js";

/** Values a handshake captured (`session`, `csrf`, …). */
export type SessionValues = Readonly<Record<string, string>>;

export interface SessionHandshakeOptions {
  declaration: SessionDeclaration;
  values: Readonly<Record<string, unknown>>;
  send: (request: Request) => Promise<Response>;
  redactor: Redactor;
  source: string;
}

/**
 * Turns a token into a server session: runs the declared steps in order, each filling its
 * request from what earlier steps captured, and returns the final captured values (cookie,
 * CSRF token) that every later call carries. Running it again makes a new session.
 */
export function createSessionHandshake(options: SessionHandshakeOptions) {
  const { declaration, source, redactor } = options;
  return async function handshake(accessToken: string): Promise<SessionValues> {
    let captured: Record<string, string> = {};
    for (const [index, step] of declaration.steps.entries()) {
      const values = { ...options.values, accessToken, ...captured };
      const request = stepRequest(step.request, values);
      if (request === undefined) throw new AuthenticationError(`${source}: sign-in step ${index + 1} has no URL.`);
      const url = request.url;
      const response = await options.send(request);
      const { json } = await readJsonBody(response);
      if (!response.ok) {
        throw new AuthenticationError(`${source}: sign-in step ${index + 1} (${step.request.method ?? "GET"} ${displayUrl(url)}) answered HTTP ${response.status}.`, {
          status: response.status,
          code: "session_refused",
          body: json,
          redactor,
          hint: "Check that the user may use the API; a 401 here usually means the token was not accepted.",
        });
      }
      const next: Record<string, string> = {};
      for (const [name, sources] of Object.entries(step.capture ?? {})) {
        const value = capture(response, json, Array.isArray(sources) ? sources : [sources as string], captured[name]);
        if (value === undefined) {
          throw new AuthenticationError(`${source}: sign-in step ${index + 1} did not return the ${name} it should.`, {
            status: response.status,
            code: "session_incomplete",
            redactor,
            hint: "The server's sign-in answer changed shape; this is worth an issue.",
          });
        }
        redactor.add(value);
        if (!isHeaderSafe(value)) {
          throw new AuthenticationError(`${source}: sign-in step ${index + 1} returned a ${name} that cannot go in a header (a line break or NUL).`, {
            status: response.status,
            code: "session_malformed",
            redactor,
            hint: "The server's sign-in answer is malformed; this is worth an issue with the vendor.",
          });
        }
        next[name] = value;
      }
      captured = { ...captured, ...next };
    }
    return captured;
  };
}

/** The first source that yields a value: `body:/pointer`, `header:Name`, `cookie:NAME`, or `keep` (the value so far). */
function capture(response: Response, json: unknown, sources: readonly string[], previous: string | undefined): string | undefined {
  for (const source of sources) {
    let value: unknown;
    if (source === "keep") value = previous;
    else if (source.startsWith("body:")) value = readPointer(json, source.slice(5));
    else if (source.startsWith("header:")) value = response.headers.get(source.slice(7));
    else if (source.startsWith("cookie:")) value = readCookie(response.headers, source.slice(7));
    if ((typeof value === "string" && value.length > 0) || typeof value === "number") return String(value);
  }
  return undefined;
}

function readCookie(headers: Headers, name: string): string | undefined {
  for (const line of headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
