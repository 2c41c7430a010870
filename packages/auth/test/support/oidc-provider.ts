import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Adapter, AdapterPayload, ClientMetadata, Configuration } from "oidc-provider";

/**
 * A real, independent OAuth 2 authorization server for tests: panva's oidc-provider (v9) with
 * the client-credentials grant, on 127.0.0.1 at a free port, its issuer `http://127.0.0.1:<port>`.
 *
 * Its quick-start warnings (unsupported runtime on Node 20, development keys, in-memory adapter,
 * default TTLs) are silenced by configuring what they ask for, and the runtime notice, printed
 * once when the module loads, by muting the console for that import only.
 */
export interface OidcProviderServer {
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly introspectionEndpoint: string;
  /** Client-credentials token lifetime, seconds. */
  readonly ttlSeconds: number;
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  clients: ClientMetadata[];
  scopes?: string[];
  ttlSeconds?: number;
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

/** The in-memory adapter oidc-provider asks for, so it does not warn about its own. */
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
    async revokeByGrantId() {}
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
    scopes: options.scopes ?? [],
    ttl: { ClientCredentials: ttlSeconds },
    // Fixed cookie keys, so it does not warn about generated ones (no cookie is used here anyway).
    cookies: { keys: ["test-cookie-key-1"] },
  };
  const provider = new Provider(issuer, configuration);
  server.on("request", provider.callback());

  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string; introspection_endpoint: string };
  let closing: Promise<void> | undefined;
  return {
    issuer,
    tokenEndpoint: discovery.token_endpoint,
    introspectionEndpoint: discovery.introspection_endpoint,
    ttlSeconds,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
