import { readFile } from "node:fs/promises";
import { UsageError } from "../exit-codes.js";
import { didYouMean } from "../suggest.js";
import type { FoundOperation } from "../tables/find-operation.js";
import type { OperationTable } from "../tables/types.js";

/** What the command line says about one call, before it is checked against the operation. */
export interface RequestFlags {
  readonly query: readonly string[];
  readonly param: readonly string[];
  readonly header: readonly string[];
  readonly body: string | undefined;
}

/** The init openapi-fetch takes: params by location, extra headers, the body. */
export interface CallInit {
  params: { path: Record<string, string>; query: Record<string, string | string[]>; header: Record<string, string> };
  headers: Record<string, string>;
  body?: unknown;
  bodySerializer?: (body: unknown) => string;
}

/** Splits `key=value` (the first `=`); a flag without one is a usage error naming the flag. */
export function keyValue(flag: string, raw: string, separator = "="): [string, string] {
  const at = raw.indexOf(separator);
  if (at <= 0) throw new UsageError(`${flag} takes name${separator}value, not "${raw}".`);
  return [raw.slice(0, at).trim(), raw.slice(at + 1).trimStart()];
}

/**
 * Builds the call's init from the flags and checks it against the operation's parameters: an
 * unknown name is refused with the nearest ones the spec has, a missing required one is named.
 */
export async function buildRequest(found: FoundOperation, flags: RequestFlags, readStdin: () => Promise<string>): Promise<CallInit> {
  const { operation } = found;
  const declared = (location: string) => operation.parameters.filter((parameter) => parameter.in === location);
  const init: CallInit = { params: { path: { ...found.inlinePath }, query: {}, header: {} }, headers: {} };

  const queryNames = declared("query").map((parameter) => parameter.name);
  const addQuery = (name: string, value: string) => {
    if (!queryNames.includes(name)) {
      throw new UsageError(
        `${operation.method} ${operation.path} has no query parameter "${name}".${didYouMean(name, queryNames)}`,
        queryNames.length ? `Its query parameters: ${queryNames.join(", ")}.` : "It takes no query parameters.",
      );
    }
    const existing = init.params.query[name];
    const isArray = declared("query").find((parameter) => parameter.name === name)?.array === true;
    if (existing === undefined) init.params.query[name] = isArray ? [value] : value;
    else init.params.query[name] = [...(Array.isArray(existing) ? existing : [existing]), value];
  };
  for (const [name, value] of found.inlineQuery) addQuery(name, value);
  for (const raw of flags.query) addQuery(...keyValue("-q", raw));

  const pathNames = declared("path").map((parameter) => parameter.name);
  for (const raw of flags.param) {
    const [name, value] = keyValue("-p", raw);
    if (!pathNames.includes(name)) {
      throw new UsageError(
        `${operation.path} has no path parameter "${name}".${didYouMean(name, pathNames)}`,
        pathNames.length ? `Its path parameters: ${pathNames.join(", ")}.` : "It has no path parameters; use -q for query parameters.",
      );
    }
    init.params.path[name] = value;
  }

  const headerNames = declared("header").map((parameter) => parameter.name);
  for (const raw of flags.header) {
    const [name, value] = keyValue("-H", raw, ":");
    const declaredName = headerNames.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (declaredName) init.params.header[declaredName] = value;
    else init.headers[name] = value;
  }

  const missing = operation.parameters.filter((parameter) => parameter.required && parameter.in !== "cookie" && !(parameter.name in init.params[parameter.in === "path" ? "path" : parameter.in === "query" ? "query" : "header"]));
  if (missing.length > 0) {
    throw new UsageError(
      `${operation.method} ${operation.path} needs ${missing.map((parameter) => `${parameter.in} parameter "${parameter.name}"`).join(", ")}.`,
      missing.map((parameter) => (parameter.in === "path" ? `-p ${parameter.name}=…` : parameter.in === "query" ? `-q ${parameter.name}=…` : `-H '${parameter.name}: …'`)).join(" ") + ` (\`secfetch <vendor> describe ${operation.method} ${operation.path}\` shows them).`,
    );
  }

  if (flags.body !== undefined) {
    if (!operation.body) throw new UsageError(`${operation.method} ${operation.path} takes no body.`);
    init.body = await readBody(flags.body, operation, readStdin);
    const mediaType = operation.body.mediaType;
    if (mediaType !== "application/json") init.headers["Content-Type"] = mediaType;
    if (mediaType === "application/x-www-form-urlencoded") {
      init.bodySerializer = (body) => (typeof body === "string" ? body : formEncode(body as Record<string, unknown>));
    }
  } else if (operation.body?.required) {
    throw new UsageError(`${operation.method} ${operation.path} needs a body (${operation.body.type}).`, "Pass --body '{…}', --body @file.json or --body - (standard input).");
  }
  return init;
}

async function readBody(raw: string, operation: OperationTable, readStdin: () => Promise<string>): Promise<unknown> {
  let text: string;
  let from: string;
  if (raw === "-") {
    text = await readStdin();
    from = "standard input";
  } else if (raw.startsWith("@")) {
    from = raw.slice(1);
    try {
      text = await readFile(from, "utf8");
    } catch (error) {
      throw new UsageError(`--body ${raw}: cannot read ${from} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
    }
  } else {
    text = raw;
    from = "--body";
  }
  const mediaType = operation.body?.mediaType ?? "application/json";
  if (!/json/.test(mediaType) && !(mediaType === "application/x-www-form-urlencoded" && text.trimStart().startsWith("{"))) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`The body from ${from} is not JSON: ${(error as Error).message}.`, `${operation.method} ${operation.path} takes ${operation.body?.mediaType ?? "application/json"}.`);
  }
}

function formEncode(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  return form.toString();
}
