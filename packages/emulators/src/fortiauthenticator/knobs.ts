import type { Environment } from "./context.js";
import { findAnyPrincipal } from "./principals.js";
import type {
  FortiAuthenticatorFortiToken,
  FortiAuthenticatorLocalUser,
  FortiAuthenticatorRadiusClient,
  FortiAuthenticatorUserGroup,
} from "./types.js";

/** Where an authorization code is bound, as the login portal would have bound it. */
export interface AuthorizationCodeOptions {
  /** Application the code is for. Default: the first application allowing the authorization_code grant. */
  clientId?: string;
  /** Redirect URI of the authorization request; the token request must then repeat it. Default: none. */
  redirectUri?: string;
  /** PKCE S256 `code_challenge`; the token request must then send the matching `code_verifier`. Default: none. */
  codeChallenge?: string;
}

/** What a test can do to the emulated appliance besides calling it: play the user's phone, mint codes, expire tokens. */
export interface FortiAuthenticatorKnobs {
  /**
   * The code the user would type now: the current TOTP of an `ftm`, `ftm-push` or `ftk` token,
   * or the e-mail/SMS code last sent (one is "sent" when none is waiting). Throws for a user
   * without a token.
   */
  currentOtp(username: string): string;
  /** Approves the user's newest pending push (OAuth challenge or `/pushauth/`). Returns whether there was one. */
  approvePush(username: string): boolean;
  /** Denies the user's newest pending push. Returns whether there was one. */
  refusePush(username: string): boolean;
  /** Session id of the user's newest pending push, or `undefined`. */
  pendingPush(username: string): string | undefined;
  /** Issues a single-use authorization code for `username`, as the login portal would after sign-in. */
  issueAuthorizationCode(username: string, options?: AuthorizationCodeOptions): string;
  /** Expires every access token issued so far (refresh tokens stay good): the next call with one gets 401. */
  expireTokens(): void;
  /** Revokes one access or refresh token. Returns whether the emulator had issued it. */
  revokeToken(token: string): boolean;
  /** Snapshots of the directory, in id order. */
  readonly localUsers: readonly FortiAuthenticatorLocalUser[];
  readonly userGroups: readonly FortiAuthenticatorUserGroup[];
  readonly fortiTokens: readonly FortiAuthenticatorFortiToken[];
  readonly radiusClients: readonly FortiAuthenticatorRadiusClient[];
}

/** The knobs over `env`; snapshot getters read the directory at call time (it is replaced by `reset()`). */
export function createKnobs(env: Environment): FortiAuthenticatorKnobs {
  return {
    currentOtp(username) {
      const principal = findAnyPrincipal(env, username);
      switch (principal?.mfa) {
        case "ftm":
        case "ftm-push":
        case "ftk":
          return env.otp.totp(principal.username);
        case "email":
        case "sms":
          return env.otp.pending(principal.username) ?? env.otp.send(principal.username);
        default:
          throw new TypeError(`currentOtp: "${username}" has no token`);
      }
    },
    approvePush: (username) => env.push.answer(username, true),
    refusePush: (username) => env.push.answer(username, false),
    pendingPush: (username) => env.push.pending(username)?.session,
    issueAuthorizationCode(username, options = {}) {
      if (!findAnyPrincipal(env, username)) throw new TypeError(`issueAuthorizationCode: no user "${username}"`);
      const app = options.clientId === undefined
        ? env.options.apps.find((a) => a.grants.includes("authorization_code"))
        : env.options.apps.find((a) => a.clientId === options.clientId);
      if (!app || !app.grants.includes("authorization_code")) {
        throw new TypeError("issueAuthorizationCode: no application allowing the authorization_code grant");
      }
      return env.oauth.issueCode(app.clientId, username, env.options.authorizationCodeTtlSeconds, options.redirectUri, options.codeChallenge);
    },
    expireTokens: () => env.oauth.expireAll(),
    revokeToken: (token) => env.oauth.revoke(token),
    get localUsers() {
      return [...env.directory.users.values()].map((user) => env.directory.render(user));
    },
    get userGroups() {
      return structuredClone([...env.directory.groups.values()]);
    },
    get fortiTokens() {
      return structuredClone([...env.directory.tokens.values()]);
    },
    get radiusClients() {
      return [...env.directory.radiusClients.values()].map((client) => env.directory.renderRadius(client));
    },
  };
}
