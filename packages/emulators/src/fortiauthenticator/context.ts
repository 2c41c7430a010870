import { timingSafeEqual } from "node:crypto";
import { parseAuthorization } from "../shared/authorization.js";
import { HttpError, mediaTypeOf } from "../shared/http-helpers.js";
import type { RequestContext as SharedContext } from "../shared/request-pipeline.js";
import type { RouteChecks, SpecEngine, ValidatedRequest } from "../spec/index.js";
import type { OAuthStore } from "./oauth-store.js";
import type { ResolvedOptions } from "./options.js";
import type { OtpCenter } from "./otp.js";
import type { PushCenter } from "./push.js";
import type { Directory } from "./state.js";
import { secretDigest } from "../shared/secrets.js";

/** The context every emulator shares, plus the request's values as checked against the spec. */
export interface RequestContext extends SharedContext {
  readonly input: ValidatedRequest;
}

/** The emulator's shared pieces, handed to every handler. */
export interface Environment {
  readonly options: ResolvedOptions;
  /** Replaced by `reset()`. */
  directory: Directory;
  readonly oauth: OAuthStore;
  readonly otp: OtpCenter;
  readonly push: PushCenter;
  /** Checks every request against the spec, and serves what no route here overrides. */
  readonly engine: SpecEngine;
}

/**
 * A route of this emulator. `rest`: admin access key (Basic) or OAuth bearer token required.
 * `checks`: `"own"` for an OAuth endpoint that reads the raw request itself, because OAuth's
 * error codes (`invalid_request`, `unsupported_grant_type`, …) are the answer a client acts on;
 * `"spec-except-query"` for a list, whose Django lookups (`username__iexact`) and paginator refusals
 * ("Invalid limit '-1' provided…") are Tastypie's own.
 */
export interface FortiRoute {
  readonly method: string;
  readonly checks?: RouteChecks;
  readonly path: string;
  readonly auth: "none" | "rest";
  handle(ctx: RequestContext, env: Environment): Promise<void> | void;
}

/** Tastypie's challenge on a refused credential (its realm, and its capital R). */
export const BASIC_CHALLENGE = { "WWW-Authenticate": 'Basic Realm="django-tastypie"' };

/** Who is calling a REST resource. */
export type Caller = { kind: "admin"; username: string } | { kind: "user"; username: string; clientId: string };

/**
 * Checks the credential of a REST call: HTTP Basic with an admin name and access key, or an
 * OAuth bearer token that is neither expired nor revoked. Anything else → 401 (empty body).
 */
export function requireCaller(ctx: SharedContext, env: Environment): Caller {
  const refuse = (why: string) => new HttpError(401, "unauthorized", why, BASIC_CHALLENGE);
  const values = ctx.req.headersDistinct["authorization"] ?? [];
  if (values.length === 0) throw refuse("No credentials");
  if (values.length > 1) throw refuse("More than one Authorization header");
  const basic = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(values[0]!);
  if (basic) {
    const pair = decodeBasic(basic[1]!);
    const admin = pair && env.options.admins.find((a) => a.username === pair.user);
    const expected = secretDigest(admin?.accessKey ?? "\u0000no such admin");
    if (!pair || !timingSafeEqual(secretDigest(pair.secret), expected) || !admin) throw refuse("Bad access key");
    const resource = /^\/api\/v1\/([^/]+)\//.exec(ctx.url.pathname)?.[1];
    if (admin.resources && resource !== undefined && !admin.resources.includes(resource)) {
      // The profile lacks the resource's permission: older releases say so with a bare 401, like a bad key.
      const status = env.options.permissionFaultStatus;
      throw status === 401 ? refuse("Missing permission") : new HttpError(403, "forbidden", "Missing permission");
    }
    return { kind: "admin", username: admin.username };
  }
  const auth = parseAuthorization(ctx.req);
  if (auth.scheme !== "bearer") throw refuse("Unsupported credentials");
  const found = env.oauth.lookupAccess(auth.token);
  if (found.status !== "valid") throw refuse(`Token ${found.status}`);
  return { kind: "user", username: found.username, clientId: found.clientId };
}

/** RFC 7617 Basic: canonical base64 of UTF-8 `user:secret`, split at the first colon, no other decoding. */
function decodeBasic(encoded: string): { user: string; secret: string } | undefined {
  const bytes = Buffer.from(encoded, "base64");
  if (encoded.length % 4 !== 0 || bytes.toString("base64") !== encoded) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const colon = text.indexOf(":");
  return colon <= 0 ? undefined : { user: text.slice(0, colon), secret: text.slice(colon + 1) };
}

/** Tastypie picks a deserializer by Content-Type and words its refusal of any other its own way. */
export function requireDeserializableBody(ctx: SharedContext): void {
  const type = mediaTypeOf(ctx.req);
  if (ctx.body.length > 0 && ctx.req.headers["content-type"] !== undefined && type?.essence !== "application/json") {
    const named = (ctx.req.headers["content-type"] ?? "").split(";")[0]!.trim().slice(0, 80);
    throw new HttpError(400, "bad_request", `The format indicated '${named}' had no available deserialization method. Please check your formats and content_types on your Serializer.`);
  }
}

/** The numeric `{id}` of a detail route, or 404 (Tastypie's answer for an id it cannot find). */
export function pathId(ctx: RequestContext): number {
  const raw = ctx.params["id"] ?? "";
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(id)) throw notFound();
  return id;
}

/** A required token-request field, or 400 `invalid_request`. */
export function required(body: ReadonlyMap<string, string>, name: string): string {
  const value = body.get(name);
  if (value === undefined) throw invalidRequest(`Missing ${name} parameter.`);
  return value;
}

export function invalidRequest(description: string): HttpError {
  return new HttpError(400, "invalid_request", description);
}

export function invalidGrant(description: string, status = 400): HttpError {
  return new HttpError(status, "invalid_grant", description);
}

export function notFound(): HttpError {
  return new HttpError(404, "not_found", "Not found");
}

export { sameSecret } from "../shared/secrets.js";
