import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { HttpError } from "../shared/http-helpers.js";
import type { ResolvedOptions } from "./options.js";
import type { ForcepointOneScope } from "./types.js";

/** Who made a request. */
export type Caller = { kind: "token"; scopes: readonly ForcepointOneScope[] } | { kind: "basic"; username: string };

/**
 * The credentials the emulator accepts: OAuth tokens (which never expire, only get revoked) and
 * administrator accounts for HTTP Basic.
 */
export class Credentials {
  readonly #tokens = new Map<string, readonly ForcepointOneScope[]>();
  readonly #revoked = new Set<string>();
  readonly #accounts: ReadonlyArray<{ username: string; digest: Buffer }>;

  constructor(options: ResolvedOptions) {
    for (const { token, scopes } of options.tokens) this.#tokens.set(token, scopes);
    this.#accounts = options.users.map(({ username, password }) => ({ username, digest: sha256(password) }));
  }

  /** Revokes one token; returns whether it was a configured token. */
  revoke(token: string): boolean {
    if (!this.#tokens.has(token)) return false;
    this.#revoked.add(token);
    return true;
  }

  /** Revokes every configured token (what revoking the OAuth application does). */
  revokeAll(): void {
    for (const token of this.#tokens.keys()) this.#revoked.add(token);
  }

  /** Un-revokes every token. */
  restore(): void {
    this.#revoked.clear();
  }

  /** The caller, or `undefined` when the token or the user name and password are not accepted. */
  lookup(credential: ParsedCredential): Caller | undefined {
    if (credential.kind === "token") {
      const scopes = this.#tokens.get(credential.token);
      return scopes && !this.#revoked.has(credential.token) ? { kind: "token", scopes } : undefined;
    }
    const presented = sha256(credential.password);
    const account = this.#accounts.find((candidate) => candidate.username === credential.username);
    return account && timingSafeEqual(account.digest, presented) ? { kind: "basic", username: account.username } : undefined;
  }
}

type ParsedCredential = { kind: "token"; token: string } | { kind: "basic"; username: string; password: string };

/**
 * Checks the request's credentials and permission. Missing, malformed (`Bearer: <token>`,
 * `Bearer  <token>`, two headers), unknown or revoked → 401; Basic where only tokens are taken
 * (SCIM) → 401; a token without `scope` → 403. Reasons never contain the credential.
 */
export function authenticate(req: IncomingMessage, credentials: Credentials, scope: ForcepointOneScope): Caller {
  const parsed = parseAuthorization(req);
  if (typeof parsed === "string") throw unauthorized(parsed);
  if (parsed.kind === "basic" && scope === "scim") throw unauthorized("SCIM takes a bearer token, not Basic credentials");
  const caller = credentials.lookup(parsed);
  if (!caller) throw unauthorized(parsed.kind === "token" ? "Unknown or revoked token" : "Wrong user name or password");
  if (caller.kind === "token" && !caller.scopes.includes(scope)) {
    throw new HttpError(403, "forbidden", `The token's application lacks the ${SCOPE_NAMES[scope]} permission`);
  }
  return caller;
}

const SCOPE_NAMES: Record<ForcepointOneScope, string> = {
  logs: "Log API",
  config: "User and Group Provisioning (config API)",
  scim: "User and Group Provisioning (SCIM API)",
};

function unauthorized(reason: string): HttpError {
  return new HttpError(401, "unauthorized", reason, { "WWW-Authenticate": 'Bearer realm="bitglassapi"' });
}

/** A credential, or the reason the header is refused. */
function parseAuthorization(req: IncomingMessage): ParsedCredential | string {
  const values = req.headersDistinct["authorization"] ?? [];
  if (values.length === 0) return "No credentials: send Authorization: Bearer <token> or Basic credentials";
  if (values.length > 1) return "More than one Authorization header";
  const header = values[0]!;
  const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (bearer) return { kind: "token", token: bearer[1]! };
  if (/^Bearer:/i.test(header)) return 'Malformed Authorization header: no colon after "Bearer"; send "Bearer <token>"';
  if (/^Bearer(\s|$)/i.test(header)) return 'Malformed Authorization header; send "Bearer <token>" with exactly one space';
  const basic = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header);
  if (basic) return parseBasic(basic[1]!);
  if (/^Basic\b/i.test(header)) return "Malformed Basic credentials";
  return "Unsupported authorization scheme";
}

/** RFC 7617: base64 of `user:password` in UTF-8, split at the first colon; nothing decoded further. */
function parseBasic(encoded: string): ParsedCredential | string {
  const bytes = Buffer.from(encoded, "base64");
  if (encoded.length % 4 !== 0 || bytes.toString("base64") !== encoded) return "Basic credentials are not valid base64";
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "Basic credentials are not valid UTF-8";
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return "Basic credentials must be username:password";
  return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
