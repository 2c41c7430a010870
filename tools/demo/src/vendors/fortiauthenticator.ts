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

/** Fortinet FortiAuthenticator: an appliance over HTTPS with its own CA, MFA push and rotating refresh tokens. */
export async function runFortiAuthenticator(report: Report): Promise<void> {
  const emulator = await startFortiAuthenticatorEmulator();
  report.section("Fortinet FortiAuthenticator", `HTTPS emulator at ${emulator.url}, its own CA`);
  const events: SecfetchEvent[] = [];
  // The demo keeps count of the refresh tokens the client stores, never their values.
  const inner = createMemoryTokenStore();
  const refreshTokens: string[] = [];
  const tokenStore: TokenStore = {
    get: (key) => inner.get(key),
    set(key, record, ttlMs) {
      if (record.refreshToken && refreshTokens.at(-1) !== record.refreshToken) refreshTokens.push(record.refreshToken);
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
    await step(report, "push sign-in", async () => {
      // Carol's phone: she taps "Approve" once the client has started polling.
      phone = setInterval(() => {
        if (emulator.count(POLL_ROUTE) >= 1 && emulator.approvePush(DEMO.users.push)) clearInterval(phone);
      }, 50);
      const started = Date.now();
      const { response } = await carol.GET("/api/v1/");
      if (!response.ok) throw new Error(`the first call answered ${response.status}`);
      return `FortiToken Mobile push for carol: push approved after ${emulator.count(POLL_ROUTE)} polls (${Date.now() - started} ms, ${emulator.count(TOKEN_ROUTE)} token requests: challenge + answer)`;
    });

    await step(report, "OTP sign-in", async () => {
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
      return `OTP sign-in for bob: onChallenge asked once (method ${methods.join(", ")}), call answered ${response.status}`;
    });

    await step(report, "list users", async () => {
      const before = emulator.count("GET /api/v1/localusers/");
      const names = new Set<string>();
      let tokenUsers = 0;
      for await (const user of carol.paginate("/api/v1/localusers/", { params: { query: { limit: 20 } } })) {
        names.add(user.username);
        if (user.token_auth) tokenUsers++;
      }
      const pages = emulator.count("GET /api/v1/localusers/") - before;
      return `local users: ${names.size} users in ${pages} pages of up to 20 (Tastypie meta.next), ${tokenUsers} with a token`;
    });

    await step(report, "refresh rotation", async () => {
      const stored = refreshTokens.length;
      emulator.expireTokens();
      const { response } = await carol.GET("/api/v1/");
      const rotated = refreshTokens.length - stored;
      const previous = refreshTokens.at(-2);
      if (!previous) throw new Error("no earlier refresh token was stored");
      const stale = createFortiAuthenticatorClient({ baseUrl: emulator.url, ca: emulator.ca, ...DEMO.confidentialApp, refreshToken: previous });
      const refused = await stale.GET("/api/v1/").then(
        () => "ACCEPTED (rotation broken)",
        (error: unknown) => (error instanceof AuthenticationError ? `${error.name} ${error.code}` : String(error)),
      );
      const replays = events.filter((event) => event.type === "request.replay").length;
      return `refresh rotation: token refused mid-run → ${replays} replay, refreshed with the stored refresh token, ${rotated} new one kept in the token store (call answered ${response.status}); the previous one now → ${refused}`;
    });

    await step(report, "TLS without ca", async () => {
      const blind = createFortiAuthenticatorClient({ baseUrl: emulator.url, adminUser: DEMO.admin.username, accessKey: DEMO.admin.accessKey, maxRetries: 0 });
      const before = emulator.count();
      try {
        await blind.GET("/api/v1/");
        throw new Error("the appliance's certificate was trusted without its CA");
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        const reason = /is not trusted: ([^.]*)\./.exec(error.message)?.[1] ?? error.message;
        const tellsCa = error.hint?.includes("`ca`") ? "the error says to pass the CA as `ca`" : "NO hint about `ca`";
        return `without \`ca\`: ${error.name} (${reason}); ${tellsCa}; requests that reached the appliance: ${emulator.count() - before}`;
      }
    });
  } finally {
    clearInterval(phone);
    await emulator.close();
  }
}
