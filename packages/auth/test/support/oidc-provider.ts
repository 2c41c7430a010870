import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Adapter, AdapterPayload, ClientMetadata, Configuration } from "oidc-provider";

/**
 * A real, independent OAuth 2 authorization server for tests: panva's oidc-provider (v9) with
 * the client-credentials grant (and, on request, the refresh-token grant), on 127.0.0.1 at a
 * free port, its issuer `http://127.0.0.1:<port>`.
 *
 * Its quick-start warnings (unsupported runtime on Node 20, development keys, in-memory adapter,
 * default TTLs) are silenced by configuring what they ask for, and the runtime notice, printed
 * once when the module loads, by muting the console for that import only.
 */
export interface OidcProviderServer {
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly introspectionEndpoint: string;
  /** Access token lifetime (client credentials and refresh), seconds. */
  readonly ttlSeconds: number;
  /**
   * A refresh token as if `accountId` had signed in to `clientId` through the authorization-code
   * flow and consented to `scope`, minted through the provider's own models (a Grant, then a
   * RefreshToken bound to it), so no browser or interaction is needed. Needs `refreshTokens`.
   */
  issueRefreshToken(input: { clientId: string; accountId: string; scope: string }): Promise<string>;
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  clients: ClientMetadata[];
  scopes?: string[];
  ttlSeconds?: number;
  /**
   * Enables the refresh-token grant: adds the `openid` and `offline_access` scopes, and sets
   * oidc-provider's `rotateRefreshToken` to `rotate` (true: every refresh spends the token it was
   * given and answers a new one; re-using a spent one is refused and revokes its grant).
   */
  refreshTokens?: { rotate: boolean };
}

type ProviderClass = typeof import("oidc-provider").default;
let loaded: Promise<ProviderClass> | undefined;

function loadProvider(): Promise<ProviderClass> {
  loaded ??= (async () => {
    const { warn, info } = console;
    console.warn = () => {};
    console.info = () => {};
    try {
      return (await import("oidc-provider")).default;
    } finally {
      console.warn = warn;
      console.info = info;
    }
  })();
  return loaded;
}

/**
 * The in-memory adapter oidc-provider asks for, so it does not warn about its own. It revokes by
 * grant too, as the provider expects when a spent refresh token is re-used (the whole family goes).
 */
function memoryAdapter(): new (name: string) => Adapter {
  const records = new Map<string, AdapterPayload>();
  return class MemoryAdapter implements Adapter {
    constructor(private readonly name: string) {}
    private key(id: string) {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload) {
      records.set(this.key(id), payload);
    }
    async find(id: string) {
      return records.get(this.key(id));
    }
    async findByUserCode() {
      return undefined;
    }
    async findByUid() {
      return undefined;
    }
    async consume(id: string) {
      const record = records.get(this.key(id));
      if (record) record.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      records.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, payload] of records) {
        if (key.startsWith(`${this.name}:`) && payload.grantId === grantId) records.delete(key);
      }
    }
  };
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderServer> {
  const Provider = await loadProvider();
  const sockets = new Set<Socket>();
  const server = createServer();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const ttlSeconds = options.ttlSeconds ?? 300;
  const scopes = new Set(options.scopes ?? []);
  if (options.refreshTokens) {
    scopes.add("openid");
    scopes.add("offline_access");
  }

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" }] },
    clients: options.clients,
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      // A client may introspect the tokens it was issued: proof a token is real and live.
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
    },
    scopes: [...scopes],
    ...(options.refreshTokens ? { rotateRefreshToken: options.refreshTokens.rotate } : {}),
    // Every account exists, with no claims beyond `sub` (refresh tokens name one).
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    ttl: { ClientCredentials: ttlSeconds, AccessToken: ttlSeconds, IdToken: ttlSeconds, RefreshToken: 3600, Grant: 3600 },
    // Fixed cookie keys, so it does not warn about generated ones (no cookie is used here anyway).
    cookies: { keys: ["test-cookie-key-1"] },
  };
  const provider = new Provider(issuer, configuration);
  // Koa's handler returns a promise that never rejects (it answers errors itself).
  server.on("request", (request, response) => void provider.callback()(request, response));

  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string; introspection_endpoint: string };
  let closing: Promise<void> | undefined;
  return {
    issuer,
    tokenEndpoint: discovery.token_endpoint,
    introspectionEndpoint: discovery.introspection_endpoint,
    ttlSeconds,
    async issueRefreshToken({ clientId, accountId, scope }) {
      if (!options.refreshTokens) throw new Error("startOidcProvider: pass refreshTokens to issue refresh tokens");
      const client = await provider.Client.find(clientId);
      if (!client) throw new Error(`startOidcProvider: no client ${clientId}`);
      const grant = new provider.Grant({ clientId, accountId });
      grant.addOIDCScope(scope);
      const grantId = await grant.save();
      // What the authorization-code grant would have issued: offline, so not tied to a session.
      const refreshToken = new provider.RefreshToken({
        client,
        accountId,
        grantId,
        scope,
        gty: "authorization_code",
        authTime: Math.floor(Date.now() / 1000),
        expiresWithSession: false,
      });
      return refreshToken.save();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
