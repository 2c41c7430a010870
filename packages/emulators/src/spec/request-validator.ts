import type { IncomingMessage } from "node:http";
import { HttpError, mediaTypeOf, parseFormBody } from "../shared/http-helpers.js";
import type { PathParams } from "../shared/router.js";
import { deref, isObject } from "./document.js";
import type { OpenApiDocument } from "./document.js";
import { isJsonType } from "./operations.js";
import type { SpecOperation, SpecParameter } from "./operations.js";
import { documentRef, SchemaValidator } from "./schema-validator.js";

/** A request that passed its operation's checks, its values read with the types the spec gives. */
export interface ValidatedRequest {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  /** The parsed body (JSON or form as an object, other types as text); undefined without one. */
  readonly body: unknown;
}

/**
 * How the framework behind an API reads requests, where frameworks differ. Defaults are the
 * strict reading; an API built on a lenient framework declares what its framework does.
 */
export interface RequestDialect {
  /** A query name the operation does not declare: refused (default) or ignored, as Django does. */
  readonly unknownQuery?: "refuse" | "ignore";
  /** A body without a Content-Type: refused (default) or read as JSON, as Tastypie does. */
  readonly bodyWithoutType?: "refuse" | "json";
  /** The status for a media type the operation does not take: 415 (default) or 400. */
  readonly mediaTypeStatus?: 415 | 400;
  /** A path value its schema refuses: 400 (default), or 404 where the router's patterns never matched it, as Django's do. */
  readonly badPathStatus?: 400 | 404;
}

/** Parts of a request a route reads itself, in words its vendor chose (a paginator's own messages). */
export interface ValidationSkips {
  readonly query?: boolean;
}

export interface RequestParts {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly params: PathParams;
  readonly body: Buffer;
}

/**
 * Checks a request against its operation: path, query and header parameters, the body's media
 * type and the body itself. A refusal is a 400 `invalid_request` {@link HttpError} (415 for a
 * media type the operation does not take) whose description names the field, for the vendor's
 * error renderer to put in its own envelope. Query names the operation does not declare are
 * refused: a typo must not pass silently.
 */
export class RequestValidator {
  readonly #document: OpenApiDocument;
  readonly #bodies: SchemaValidator;
  readonly #parameters: SchemaValidator;
  readonly #dialect: RequestDialect;

  constructor(document: OpenApiDocument, dialect: RequestDialect = {}) {
    this.#document = document;
    this.#dialect = dialect;
    this.#bodies = new SchemaValidator(document);
    this.#parameters = new SchemaValidator(document, { coerce: true });
  }

  validate(operation: SpecOperation, request: RequestParts, skip: ValidationSkips = {}): ValidatedRequest {
    const path = this.#checkParameters(operation, "path", pathValues(operation, request.params), this.#dialect.badPathStatus);
    const query = skip.query ? {} : this.#checkParameters(operation, "query", this.#queryValues(operation, request.url));
    this.#checkParameters(operation, "header", headerValues(operation, request.req));
    return { path, query, body: this.#checkBody(operation, request) };
  }

  #queryValues(operation: SpecOperation, url: URL): Record<string, unknown> {
    const declared = new Map(operation.parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
    const values: Record<string, unknown> = {};
    for (const name of new Set(url.searchParams.keys())) {
      const parameter = declared.get(name);
      if (!parameter && this.#dialect.unknownQuery === "ignore") continue;
      if (!parameter) {
        const known = declared.size > 0 ? `; this operation takes ${[...declared.keys()].join(", ")}` : "; this operation takes none";
        throw invalid(`Unknown query parameter "${name.slice(0, 64)}"${known}`);
      }
      const raw = url.searchParams.getAll(name);
      if (raw.some((value) => value === "") && !parameter.allowEmptyValue) throw invalid(`Query parameter "${name}" is empty`);
      if (this.#isArray(parameter)) values[name] = parameter.explode ? raw : raw.flatMap((value) => value.split(","));
      else if (raw.length > 1) throw invalid(`Query parameter "${name}" is repeated`);
      else values[name] = raw[0];
    }
    return values;
  }

  #isArray(parameter: SpecParameter): boolean {
    const { node } = deref(this.#document, parameter.schema);
    return isObject(node) && (node["type"] === "array" || (Array.isArray(node["type"]) && node["type"].includes("array")));
  }

  #checkParameters(operation: SpecOperation, where: SpecParameter["in"], values: Record<string, unknown>, status = 400): Record<string, unknown> {
    const declared = operation.parameters.filter((p) => p.in === where);
    if (declared.length === 0) return values;
    const schema = {
      type: "object",
      properties: Object.fromEntries(declared.map((p) => [where === "header" ? p.name.toLowerCase() : p.name, documentRef(p.schema)])),
      required: declared.filter((p) => p.required).map((p) => (where === "header" ? p.name.toLowerCase() : p.name)),
    };
    const failure = this.#parameters.checkInline(`${operation.key} ${where}`, schema, values);
    if (failure) {
      const [name = "", ...rest] = failure.path.split("/").filter(Boolean);
      const where_ = where === "header" ? "Header" : where === "path" ? "Path parameter" : "Query parameter";
      const description = `${where_} "${name}"${rest.length ? ` item ${rest.join("/")}` : ""} ${failure.message}`;
      throw status === 404 ? new HttpError(404, "not_found", description) : invalid(description);
    }
    return values;
  }

  #checkBody(operation: SpecOperation, { req, body }: RequestParts): unknown {
    const declared = operation.requestBody;
    const type = req.headers["content-type"] === undefined && this.#dialect.bodyWithoutType === "json" ? { essence: "application/json", charset: undefined } : mediaTypeOf(req);
    if (!declared || declared.content.length === 0) {
      if (body.length > 0) throw invalid(`${operation.method} ${operation.path} takes no request body`);
      return undefined;
    }
    if (body.length === 0) {
      if (declared.required) throw invalid("A request body is required");
      return undefined;
    }
    const media = declared.content.find((m) => m.type === type?.essence) ?? declared.content.find((m) => m.type === "*/*");
    if (!media || !type) {
      throw new HttpError(this.#dialect.mediaTypeStatus ?? 415, "unsupported_media_type", `Content-Type must be ${declared.content.map((m) => m.type).join(" or ")}`);
    }
    let value: unknown;
    if (isJsonType(type.essence)) {
      if (type.charset !== undefined && type.charset !== "utf-8") throw new HttpError(this.#dialect.mediaTypeStatus ?? 415, "unsupported_media_type", "JSON must be UTF-8");
      try {
        value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
      } catch {
        throw invalid("Request body is not valid JSON");
      }
    } else if (type.essence === "application/x-www-form-urlencoded") {
      const form = parseFormBody(req, body);
      value = Object.fromEntries([...new Set(form.keys())].map((name) => {
        const all = form.getAll(name);
        return [name, all.length > 1 ? all : all[0]];
      }));
    } else {
      return body.toString("utf8");
    }
    if (media.schema) {
      const failure = this.#bodies.check(media.schema, value);
      if (failure) throw invalid(failure.path ? `Body field "${failure.path.slice(1)}" ${failure.message}` : `Request body ${failure.message}`);
    }
    return value;
  }
}

function pathValues(operation: SpecOperation, params: PathParams): Record<string, unknown> {
  return Object.fromEntries(operation.parameters.filter((p) => p.in === "path" && params[p.name] !== undefined).map((p) => [p.name, params[p.name]]));
}

function headerValues(operation: SpecOperation, req: IncomingMessage): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in !== "header") continue;
    const value = req.headers[parameter.name.toLowerCase()];
    if (value !== undefined) values[parameter.name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return values;
}

const invalid = (description: string) => new HttpError(400, "invalid_request", description);
