import { FORTIAUTHENTICATOR_DEMO as DEMO, startFortiAuthenticatorEmulator } from "@secfetch/emulators";
import {
  AuthenticationError,
  createFortiAuthenticatorClient,
  createMemoryTokenStore,
  NetworkError,
  type SecfetchEvent,
  type TokenStore,
} from "@secfetch/fortiauthenticator";
import { step, type Report } from "../report.js";

const POLL_ROUTE = "GET /api/v1/pushpoll/";
const TOKEN_ROUTE = "POST /api/v1/oauth/token/";
const USERS_ROUTE = "GET /api/v1/localusers/";
const PAGE = 20;

/** Fortinet FortiAuthenticator: an appliance over HTTPS with its own CA, MFA push and rotating refresh tokens. */
export async function runFortiAuthenticator(report: Report): Promise<void> {
  const emulator = await startFortiAuthenticatorEmulator();
  report.section("Fortinet FortiAuthenticator", `HTTPS emulator at ${emulator.url}, its own CA`);
  report.secret(DEMO.password, DEMO.confidentialApp.clientSecret, DEMO.admin.accessKey);
  const events: SecfetchEvent[] = [];
  const replays = () => events.filter((event) => event.type === "request.replay").length;
  // The demo keeps count of the refresh tokens the client stores, never prints their values.
  const inner = createMemoryTokenStore();
  const refreshTokens: string[] = [];
  const tokenStore: TokenStore = {
    get: (key) => inner.get(key),
    set(key, record, ttlMs) {
      // A store may keep sessions beside tokens; this vendor's sign-in makes none.
      if (!("kind" in record)) {
        report.secret(record.accessToken, record.refreshToken);
        if (record.refreshToken && refreshTokens.at(-1) !== record.refreshToken) refreshTokens.push(record.refreshToken);
      }
      return inner.set(key, record, ttlMs);
    },
    delete: (key) => inner.delete(key),
  };
  const carol = createFortiAuthenticatorClient({
    baseUrl: emulator.url,
    ca: emulator.ca,
    ...DEMO.confidentialApp,
    username: DEMO.users.push,
    password: DEMO.password,
    tokenStore,
    onEvent: (event) => events.push(event),
  });
  let phone: NodeJS.Timeout | undefined;
  try {
    await step(report, "push sign-in", async (claims) => {
      // Carol's phone: she taps "Approve" once the client has started polling.
      let approved = false;
      phone = setInterval(() => {
        if (emulator.count(POLL_ROUTE) >= 1 && emulator.approvePush(DEMO.users.push)) {
          approved = true;
          clearInterval(phone);
        }
      }, 50);
      const started = Date.now();
      const { response } = await carol.GET("/api/v1/");
      if (!response.ok) throw new Error(`the first call answered ${response.status}`);
      const polls = emulator.count(POLL_ROUTE);
      const tokens = emulator.count(TOKEN_ROUTE);
      claims.that(approved, "the push to be approved on the phone", "no pending push was ever approved");
      claims.that(polls >= 1, "the client to poll the push", "it never polled");
      claims.equal("token requests (challenge + answer)", tokens, 2);
      return `FortiToken Mobile push for carol: push approved after ${polls} polls (${Date.now() - started} ms, ${tokens} token requests: challenge + answer)`;
    });

    await step(report, "OTP sign-in", async (claims) => {
      const methods: string[] = [];
      const bob = createFortiAuthenticatorClient({
        baseUrl: emulator.url,
        ca: emulator.ca,
        ...DEMO.confidentialApp,
        username: DEMO.users.ftm,
        password: DEMO.password,
        onChallenge: ({ method }) => {
          methods.push(method);
          return emulator.currentOtp(DEMO.users.ftm);
        },
      });
      const { response } = await bob.GET("/api/v1/");
      claims.equal("times onChallenge was asked", methods.length, 1);
      claims.equal("status of the call", response.status, 200);
      return `OTP sign-in for bob: onChallenge asked once (method ${methods.join(", ")}), call answered ${response.status}`;
    });

    await step(report, "list users", async (claims) => {
      const expected = emulator.localUsers;
      const before = emulator.count(USERS_ROUTE);
      const names = new Set<string>();
      let listed = 0;
      let tokenUsers = 0;
      for await (const user of carol.paginate("/api/v1/localusers/", { params: { query: { limit: PAGE } } })) {
        listed++;
        names.add(user.username);
        if (user.token_auth) tokenUsers++;
      }
      const pages = emulator.count(USERS_ROUTE) - before;
      claims.equal("local users listed", names.size, expected.length);
      claims.equal("users listed twice", listed - names.size, 0);
      claims.equal("users with a token", tokenUsers, expected.filter((user) => user.token_auth).length);
      claims.that(pages * PAGE >= listed, `pages of up to ${PAGE}`, `${listed} users came in only ${pages} pages`);
      return `local users: ${names.size} users in ${pages} pages of up to ${PAGE} (Tastypie meta.next), ${tokenUsers} with a token`;
    });

    await step(report, "LDAP user, realm check", async (claims) => {
      const admin = createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey });
      const imported = await admin.POST("/api/v1/ldapusers/", { body: { username: "demo.ldap", dn: "CN=Demo LDAP,OU=Staff,DC=corp,DC=example", server_name: "corp-ldap" } });
      const { data: found } = await admin.GET("/api/v1/ldapusers/", { params: { query: { username: "demo.ldap" } } });
      const right = await admin.POST("/api/v1/realmauth/", { body: { username: DEMO.users.plain, realm: "local", password: DEMO.password } });
      const wrong = await admin.POST("/api/v1/realmauth/", { body: { username: DEMO.users.plain, realm: "local", password: "not-the-password" } });
      claims.equal("LDAP import status", imported.response.status, 201);
      claims.equal("imported users found by name", found?.objects.length, 1);
      claims.equal("realm check, right password", right.response.status, 200);
      claims.equal("realm check, wrong password", wrong.response.status, 401);
      return `LDAP user imported (${imported.response.status}) and found by name; realm check: right password ${right.response.status}, wrong ${wrong.response.status} (the admin key was not signed in again)`;
    });

    await step(report, "refresh rotation", async (claims) => {
      const stored = refreshTokens.length;
      const replaysBefore = replays();
      const requestsBefore = emulator.requests.length;
      emulator.expireTokens();
      const { response } = await carol.GET("/api/v1/");
      const rotated = refreshTokens.length - stored;
      const replayed = replays() - replaysBefore;
      claims.equal("replays", replayed, 1);
      claims.equal("new refresh tokens kept in the token store", rotated, 1);
      claims.equal("status of the call", response.status, 200);
      const previous = refreshTokens.at(-2);
      if (!previous) throw new Error("no earlier refresh token was stored");
      const refreshedWithStored = emulator.requests
        .slice(requestsBefore)
        .some((request) => request.route === TOKEN_ROUTE && refreshGrant(request.body) === previous);
      const stale = createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, ...DEMO.confidentialApp, refreshToken: previous });
      const refusal = await stale.GET("/api/v1/").then(
        () => undefined,
        (error: unknown) => error,
      );
      const refused =
        refusal === undefined ? "ACCEPTED (rotation broken)" : refusal instanceof AuthenticationError ? `${refusal.name} ${refusal.code}` : refusal instanceof Error ? refusal.message : JSON.stringify(refusal);
      claims.that(refreshedWithStored, "a refresh_token grant with the stored refresh token", "no token request sent it");
      claims.that(refusal instanceof AuthenticationError, "the previous refresh token to be refused with an AuthenticationError", `it was ${refusal === undefined ? "accepted" : `answered with ${refused}`}`);
      return `refresh rotation: token refused mid-run → ${replayed} replay, refreshed with the stored refresh token, ${rotated} new one kept in the token store (call answered ${response.status}); the previous one now → ${refused}`;
    });

    await step(report, "TLS without ca", async (claims) => {
      const blind = createFortiAuthenticatorClient({ baseUrl: emulator.url, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey, maxRetries: 0 });
      const before = emulator.count();
      try {
        await blind.GET("/api/v1/");
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        const reason = /is not trusted: ([^.]*)\./.exec(error.message)?.[1] ?? error.message;
        const hinted = error.hint?.includes("`ca`") ?? false;
        const reached = emulator.count() - before;
        claims.that(hinted, "the error's hint to say to pass the CA as `ca`", "it does not");
        claims.equal("requests that reached the appliance", reached, 0);
        const tellsCa = hinted ? "the error says to pass the CA as `ca`" : "NO hint about `ca`";
        return `without \`ca\`: ${error.name} (${reason}); ${tellsCa}; requests that reached the appliance: ${reached}`;
      }
      throw new Error("the appliance's certificate was trusted without its CA");
    });
  } finally {
    clearInterval(phone);
    await emulator.close();
  }
}

/** The refresh token a token request's JSON body sends with `grant_type: refresh_token`, if any. */
function refreshGrant(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const fields = parsed as Record<string, unknown>;
    return fields["grant_type"] === "refresh_token" && typeof fields["refresh_token"] === "string" ? fields["refresh_token"] : undefined;
  } catch {
    return undefined;
  }
}
