import { readPointer } from "../declaration/template.js";
import type { TokenRequestDeclaration } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import { isSecretKey, type Redactor } from "../errors/redact.js";

const CHALLENGE_REFUSED = "The second-factor answer was refused: check the one-time code (it expires in seconds, and the device's clock must be right) or approve the push again.";

// RFC 6749 §5.2 codes say which credential was refused.
const RFC_HINTS: Readonly<Record<string, string>> = {
  invalid_client: "Check the client id and secret the client was created with.",
  invalid_grant: "Check the user name and password (or the code, or the refresh token) the sign-in used.",
  invalid_scope: "Check the scopes the client asks for.",
  unauthorized_client: "The client may not use this kind of sign-in; check its settings at the vendor.",
};

/** What a refusal is read with: where the vendor puts its code and message, and what to say for which. */
export interface RefusalOptions {
  error?: TokenRequestDeclaration["error"] | undefined;
  redactor: Redactor;
  source: string;
  /** The refusal answered a second-factor answer (an OTP, a push): the code, not the password, was refused. */
  afterChallenge?: boolean;
}

/**
 * A token endpoint's refusal as an `AuthenticationError`: the vendor's code and first line of
 * message, a hint declared for that code (or RFC 6749 `error`, or HTTP status), and no secret.
 */
export function tokenRefusal(status: number, parsed: { json: unknown; text: string }, options: RefusalOptions): AuthenticationError {
  // A refusal may carry tokens of its own (a revoked one, echoed); they are secrets wherever else they appear.
  learnSecrets(parsed.json, options.redactor);
  const codeAt = options.error?.code ?? "/error";
  const messageAt = options.error?.message ?? "/error_description";
  const stringAt = (body: unknown, pointer: string) => shortText(body, pointer, options.redactor);
  const rawCode = stringAt(parsed.json, codeAt);
  const code = rawCode === undefined ? undefined : `${options.error?.codePrefix ?? ""}${rawCode}`;
  // The first line is the vendor's sentence; trace and correlation ids follow on others (and stay in `body`).
  let description = stringAt(parsed.json, messageAt)?.split(/\r?\n/)[0]?.trim();
  if (code !== undefined && description?.startsWith(code)) description = description.slice(code.length).replace(/^[:\s]+/, "");
  const said = [code, description].filter(Boolean).join(": ");
  const rfcError = stringAt(parsed.json, "/error");
  const declared = options.error?.hints;
  const hint =
    (options.afterChallenge && status < 500 ? (declared?.["challenge"] ?? CHALLENGE_REFUSED) : undefined) ??
    (code !== undefined ? declared?.[code] : undefined) ??
    (rfcError !== undefined ? declared?.[rfcError] : undefined) ??
    declared?.[String(status)] ??
    (options.error?.resolution !== undefined ? stringAt(parsed.json, options.error.resolution)?.split(/\r?\n/)[0] : undefined) ??
    (rfcError !== undefined ? RFC_HINTS[rfcError] : undefined) ??
    (status >= 500
      ? "The token endpoint failed; try again later."
      : status === 400 || status === 401 || status === 403
        ? "Check the credentials the client was created with (client id and secret, user name and password, scopes)."
        : "Check baseUrl and the credentials.");
  return new AuthenticationError(
    `${options.source}: the token endpoint refused the sign-in (HTTP ${status}${said ? `, ${said}` : ""}).`,
    { status, ...(code ? { code } : {}), body: parsed.json ?? undefined, redactor: options.redactor, hint },
  );
}

function learnSecrets(body: unknown, redactor: Redactor, depth = 0): void {
  if (body === null || typeof body !== "object" || depth > 4) return;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" && isSecretKey(key)) redactor.add(value);
    else if (typeof value === "object") learnSecrets(value, redactor, depth + 1);
  }
}

/** A string or number at `pointer`, redacted and then cut to 500 characters. */
function shortText(body: unknown, pointer: string, redactor: Redactor): string | undefined {
  const value = readPointer(body, pointer);
  return typeof value === "string" || typeof value === "number" ? redactor.redact(String(value)).slice(0, 500) : undefined;
}
