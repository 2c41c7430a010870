import { randomBytes } from "node:crypto";
import { inspect } from "node:util";

/** A recognisable secret value: `<prefix>-<random>`, unique per call. */
export function recognisable(prefix = "LEAK-SECRET"): string {
  return `${prefix}-${randomBytes(9).toString("base64url")}`;
}

/**
 * The forms a secret may take once it has been through a transport or a serialiser: as is,
 * escaped inside JSON text, percent-encoded and form-encoded. A leak in any of them is a leak.
 */
export function leakForms(secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
  ]);
  return [...forms].filter((form) => form.length > 0);
}

/** The value of an RFC 6749 §2.3.1 Basic header for these credentials, without the scheme. */
export function basicValue(id: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return Buffer.from(`${encode(id)}:${encode(secret)}`, "utf8").toString("base64");
}

/**
 * Every text a caller might log about a thrown value: message, `JSON.stringify`, `util.inspect`
 * (depth 10), stack, `String(error)`, and the same for each link of its `cause` chain.
 */
export function renderings(value: unknown): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  const seen = new Set<unknown>();
  let current: unknown = value;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null && !seen.has(current); depth++) {
    seen.add(current);
    const at = depth === 0 ? "error" : `error${".cause".repeat(depth)}`;
    out.push({ where: `${at} inspect`, text: inspect(current, { depth: 10 }) });
    out.push({ where: `${at} JSON`, text: safeStringify(current) });
    out.push({ where: `${at} String`, text: safeString(current) });
    if (current instanceof Error) {
      out.push({ where: `${at}.message`, text: current.message });
      out.push({ where: `${at}.stack`, text: String(current.stack) });
      current = current.cause;
    } else {
      current = undefined;
    }
  }
  return out;
}

/** Which of `secrets` (in any of its forms) show up in any rendering of `values`. */
export function findLeaks(values: readonly unknown[], secrets: ReadonlyArray<string | undefined>): string[] {
  const leaks: string[] = [];
  const forms = secrets
    .filter((secret): secret is string => typeof secret === "string" && secret.length > 0)
    .flatMap((secret) => leakForms(secret).map((form) => ({ secret, form })));
  values.forEach((value, index) => {
    for (const { where, text } of renderings(value)) {
      for (const { secret, form } of forms) {
        if (text.includes(form)) leaks.push(`#${index} ${where} holds ${JSON.stringify(secret)}${form === secret ? "" : ` as ${JSON.stringify(form)}`}`);
      }
    }
  });
  return leaks;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    return `<JSON.stringify threw ${String(error)}>`;
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch (error) {
    return `<String threw ${String(error)}>`;
  }
}
