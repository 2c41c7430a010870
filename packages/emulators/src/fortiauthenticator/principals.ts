import type { Environment } from "./context.js";
import type { FortiAuthenticatorMfaMethod } from "./types.js";

/** Someone who can sign in: a local user of the directory or a remote-realm account. */
export interface Principal {
  readonly username: string;
  readonly realm: string;
  /** `undefined`: no password sign-in (e.g. a generated local user). */
  readonly password: string | undefined;
  readonly active: boolean;
  /** Second factor; `invalid` when the user's token settings cannot work (no type, `dual`, `ftc`). */
  readonly mfa: FortiAuthenticatorMfaMethod | "none" | "invalid";
}

/**
 * Finds a principal by name and realm. Local users come from the directory, so users created
 * through the REST API can sign in too; a missing or default `realm` means the default realm.
 */
export function findPrincipal(env: Environment, username: string, realm: string | undefined): Principal | undefined {
  const wanted = realm ?? env.options.defaultRealm;
  if (wanted === env.options.defaultRealm) {
    const user = env.directory.userByName(username);
    if (!user) return undefined;
    let mfa: Principal["mfa"] = "none";
    if (user.token_auth) {
      const type = user.token_type;
      mfa = type === "ftm" ? (user.push ? "ftm-push" : "ftm") : type === "ftk" || type === "email" || type === "sms" ? type : "invalid";
      if ((type === "ftm" || type === "ftk") && !user.token_serial) mfa = "invalid";
    }
    return { username: user.username, realm: wanted, password: user.password, active: user.active, mfa };
  }
  const account = env.options.accounts.find((a) => a.realm === wanted && a.username === username);
  return account && { username: account.username, realm: account.realm, password: account.password, active: account.active, mfa: account.mfa };
}

/** A principal by name in any realm (for refresh tokens and authorization codes, which carry no realm). */
export function findAnyPrincipal(env: Environment, username: string): Principal | undefined {
  return findPrincipal(env, username, undefined) ?? env.options.accounts
    .filter((a) => a.username === username)
    .map((a) => findPrincipal(env, username, a.realm))
    .find((p) => p !== undefined);
}

/** The `method` values a user with `mfa` may answer a challenge with (push users may type the code). */
export function answerMethods(mfa: Principal["mfa"]): readonly string[] {
  switch (mfa) {
    case "ftm-push":
      return ["ftm-push", "ftm"];
    case "none":
    case "invalid":
      return [];
    default:
      return [mfa];
  }
}
