import type { IncomingMessage } from "node:http";
import { formUrlDecode } from "./http-helpers.js";

/** A parsed `Authorization` header. `invalid.reason` never contains the credential. */
export type Authorization =
  | { scheme: "none" }
  | { scheme: "basic"; id: string; secret: string }
  | { scheme: "bearer"; token: string }
  | { scheme: "invalid"; reason: string };

/**
 * Parses `Authorization` strictly. Bearer: exactly `Bearer <b64token>` (RFC 6750 §2.1; the scheme
 * name is case-insensitive, one space, nothing after the token) — `Bearer: x`, `Bearer  x`,
 * `Bearer x y` are invalid. Basic: canonical base64 of `id:secret`, UTF-8, where id and secret are
 * each form-url-decoded (RFC 6749 §2.3.1). More than one Authorization header is invalid.
 */
export function parseAuthorization(req: IncomingMessage): Authorization {
  const values = req.headersDistinct["authorization"] ?? [];
  if (values.length === 0) return { scheme: "none" };
  if (values.length > 1) return { scheme: "invalid", reason: "More than one Authorization header" };
  const header = values[0]!;
  const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (bearer) return { scheme: "bearer", token: bearer[1]! };
  const basic = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header);
  if (basic) return parseBasic(basic[1]!);
  const scheme = /^(\S+)/.exec(header)?.[1]?.toLowerCase() ?? "";
  if (scheme === "bearer" || scheme === "bearer:" || scheme === "basic" || scheme === "basic:") {
    return { scheme: "invalid", reason: `Malformed ${scheme.startsWith("basic") ? "Basic" : "Bearer"} credentials` };
  }
  return { scheme: "invalid", reason: "Unsupported authorization scheme" };
}

function parseBasic(encoded: string): Authorization {
  const bytes = Buffer.from(encoded, "base64");
  if (encoded.length % 4 !== 0 || bytes.toString("base64") !== encoded) {
    return { scheme: "invalid", reason: "Basic credentials are not valid base64" };
  }
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { scheme: "invalid", reason: "Basic credentials are not valid UTF-8" };
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return { scheme: "invalid", reason: "Basic credentials must be client_id:client_secret" };
  try {
    return {
      scheme: "basic",
      id: formUrlDecode(decoded.slice(0, colon)),
      secret: formUrlDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return { scheme: "invalid", reason: "Basic credentials are not form-url-encoded" };
  }
}
