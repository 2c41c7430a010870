import { describe, expect, it } from "vitest";
import {
  ALL_FEATURES,
  AuthenticationError,
  ConfigurationError,
  createApiClient,
  createMemoryTokenStore,
  NetworkError,
  TimeoutError,
  type ClientDefinition,
  type CommonClientOptions,
} from "../../src/building-blocks.js";
import { sendJson, testServersClosedAfterEach } from "../support/http-server.js";
import { paloAltoDefinition, type PaloAltoAppsPaths } from "../support/paloalto-definition.js";

// Each case is a way a server or a caller broke the client before; each runs over real sockets.

const start = testServersClosedAfterEach();
type Paths = { "/things": { get: { responses: { 200: { content: { "application/json": unknown } } } } } };

const bearer: ClientDefinition = {
  packageName: "@secfetch/test-reliability",
  features: ALL_FEATURES,
  servers: { default: "https://api.example.test" },
  regional: false,
  auth: { options: { token: { type: "string", required: true, secret: true } }, modes: [{ name: "token", requires: ["token"], static: { scheme: "bearer", token: "{token}" } }] },
  pagination: {},
  retrySafe: [],
};
const TOKEN = "static-token-0123456789";
const make = (baseUrl: string, extra: Record<string, unknown> = {}) => createApiClient<Paths, {}>(bearer, { baseUrl, token: TOKEN, ...extra } as CommonClientOptions);

/** Sends headers at once, then the body in `parts`, `gapMs` apart (a stall when gapMs is large). */
const dripping = (parts: string[], gapMs: number) =>
  start(async (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    for (const part of parts) {
      res.write(part);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    res.end();
  });

describe("one deadline per attempt, body included", () => {
  it("a body that stalls after the headers ends in a TimeoutError at timeoutMs, not never", async () => {
    const server = await dripping(['{"a":', "1}"], 60_000);
    const started = Date.now();
    const error = await make(server.url, { timeoutMs: 300, maxRetries: 0 }).GET("/things").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a body dripping a byte at a time past the deadline times out too, and is retried as a safe request", async () => {
    const server = await dripping(Array.from({ length: 40 }, () => " "), 50);
    const error = await make(server.url, { timeoutMs: 400, maxRetries: 1 }).GET("/things").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it("a body that arrives within the deadline is read whole", async () => {
    const server = await dripping(['{"items":', "[1,2,3]}"], 20);
    const { data } = await make(server.url, { timeoutMs: 2_000 }).GET("/things");
    expect(data).toEqual({ items: [1, 2, 3] });
  });
});

describe("size limits", () => {
  it("an API body over maxResponseBytes stops being read: NetworkError, not retried", async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(64 * 1024);
      // No content-length: the limit must hold while streaming.
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent < 200) res.once("drain", pump);
        else res.end();
      };
      pump();
    });
    const error = await make(server.url, { maxResponseBytes: 1024 * 1024, maxRetries: 2 }).GET("/things").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/more than 1048576 bytes/);
    expect(server.requests).toHaveLength(1);
  });

  it("a token answer of many megabytes is refused after 1 MiB, with memory to spare", async () => {
    const server = await start((req, res) => {
      if (req.url?.startsWith("/oauth/token")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`{"access_token":"${"a".repeat(20 * 1024 * 1024)}","expires_in":3600}`);
        return;
      }
      sendJson(res, 200, []);
    });
    const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, { baseUrl: server.url, clientId: "id", clientSecret: "secret-0123456789", maxRetries: 0 } as CommonClientOptions);
    const error = await api.GET("/incident/api/apps").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/more than 1048576 bytes/);
  });
});

describe("a connection reset after the headers", () => {
  it("is a NetworkError, retried for a safe request until a whole answer comes", async () => {
    let calls = 0;
    const server = await start((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"partial":');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      sendJson(res, 200, { whole: true });
    });
    const { data } = await make(server.url).GET("/things");
    expect(data).toEqual({ whole: true });
    expect(calls).toBe(2);
  });

  it("surfaces as a NetworkError once the retries are spent, never a raw TypeError", async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write("{");
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await make(server.url, { maxRetries: 1 }).GET("/things").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(2);
  });
});

describe("options at their limits", () => {
  const url = "http://127.0.0.1:9";
  it.each([
    ["timeoutMs of 2^31", { timeoutMs: 2 ** 31 }, "timeoutMs"],
    ["timeoutMs of Infinity", { timeoutMs: Infinity }, "timeoutMs"],
    ["maxResponseBytes of 0", { maxResponseBytes: 0 }, "maxResponseBytes"],
    ["a tokenStore that is a string", { tokenStore: "x" }, "tokenStore"],
    ["an onEvent that is a number", { onEvent: 5 }, "onEvent"],
  ])("%s is a ConfigurationError naming the option", (_name, extra, option) => {
    expect(() => make(url, extra)).toThrow(ConfigurationError);
    expect(() => make(url, extra)).toThrow(new RegExp(option));
  });

  it("timeoutMs of 2^31 − 1 and a real store are accepted", () => {
    expect(() => make(url, { timeoutMs: 2 ** 31 - 1, tokenStore: createMemoryTokenStore() })).not.toThrow();
  });
});

describe("credentials a header cannot carry", () => {
  it.each([
    ["a trailing newline", "S3CR3T-token-0123\n"],
    ["a CR LF in the middle", "S3CR3T\r\nX-Injected: 1"],
    ["a NUL", "S3CR3T\0def"],
    ["a character beyond Latin-1", "S3CR3T-tok€n"],
  ])("%s in a static token is a ConfigurationError that does not echo it", (_name, token) => {
    let caught: unknown;
    try {
      createApiClient<Paths, {}>(bearer, { baseUrl: "http://127.0.0.1:9", token } as CommonClientOptions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as Error).message).toContain("`token`");
    expect(JSON.stringify(caught) + String((caught as Error).stack)).not.toContain("S3CR3T");
  });
});

describe("token lifetimes", () => {
  it("a token said to last a fraction of a second is kept for a second, not re-fetched on every call", async () => {
    let tokens = 0;
    const server = await start((req, res) => {
      if (req.url?.startsWith("/oauth/token")) {
        tokens++;
        sendJson(res, 200, { access_token: `token-${tokens}-0123456789`, token_type: "bearer", expires_in: 0.001 });
        return;
      }
      sendJson(res, 200, []);
    });
    const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, { baseUrl: server.url, clientId: "id", clientSecret: "secret-0123456789" } as CommonClientOptions);
    for (let call = 0; call < 20; call++) expect((await api.GET("/incident/api/apps")).response.status).toBe(200);
    expect(tokens).toBeLessThan(5);
  });
});

describe("conflicting credentials", () => {
  const twoWays: ClientDefinition = {
    ...bearer,
    auth: {
      options: { token: { type: "string", secret: true }, username: { type: "string" }, password: { type: "string", secret: true } },
      modes: [
        { name: "token", requires: ["token"], static: { scheme: "bearer", token: "{token}" } },
        { name: "basic", requires: ["username", "password"], static: { scheme: "basic", username: "{username}", password: "{password}" } },
      ],
    },
  };
  it("a token and a password together are refused, naming both ways to sign in", () => {
    const attempt = () => createApiClient<Paths, {}>(twoWays, { baseUrl: "http://127.0.0.1:9", token: TOKEN, username: "admin", password: "pw-0123456789" } as CommonClientOptions);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/token; or username \+ password/);
  });

  it("a factory called with nothing lists its own credential forms", () => {
    expect(() => createApiClient<Paths, {}>(twoWays, undefined as unknown as CommonClientOptions)).toThrow(/\{ token \} or \{ username, password \}/);
  });
});

describe("a refusal that does not fit", () => {
  it("a refused static credential is an AuthenticationError, sent once", async () => {
    const server = await start((_req, res) => sendJson(res, 401, { error: "invalid_token" }));
    const error = await make(server.url).GET("/things").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("redaction before truncation", () => {
  const SECRET = "QZXW-straddle-secret-9876543210";
  it.each([
    ["the message", 494, "error_description"],
    ["the body", 4090, "detail"],
  ])("a secret across the cut-off of %s is hidden whole, not down to its first characters", async (_where, at, field) => {
    const server = await start((req, res) => {
      if (req.url?.startsWith("/oauth/token")) {
        sendJson(res, 401, { error: "invalid_client", [field]: `${"a".repeat(at)}${SECRET}` });
        return;
      }
      sendJson(res, 200, []);
    });
    const api = createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, { baseUrl: server.url, clientId: "id", clientSecret: SECRET } as CommonClientOptions);
    const error = await api.GET("/incident/api/apps").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).not.toContain(SECRET.slice(0, 6));
  });
});

describe("a session value a header cannot carry", () => {
  it("is an AuthenticationError that does not echo it, not a raw TypeError", async () => {
    const server = await start((req, res) => {
      if (req.url?.startsWith("/oauth/token")) return sendJson(res, 200, { access_token: "token-0123456789", token_type: "bearer", expires_in: 3600 });
      if (req.url?.startsWith("/session")) return sendJson(res, 200, { session: "S3SS10N-abc\r\nSet-Cookie: x=1" });
      sendJson(res, 200, []);
    });
    const withSession: ClientDefinition = {
      ...paloAltoDefinition,
      auth: {
        ...paloAltoDefinition.auth,
        session: { steps: [{ request: { method: "GET", url: "{baseUrl}/session" }, capture: { session: "body:/session" } }], apply: { headers: { "X-Session": "{session}" } } },
      },
    };
    const api = createApiClient<PaloAltoAppsPaths, {}>(withSession, { baseUrl: server.url, clientId: "id", clientSecret: "secret-0123456789" } as CommonClientOptions);
    const error = await api.GET("/incident/api/apps").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "session_malformed" });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain("S3SS10N");
  });
});

describe("a failed page says the vendor's reason", () => {
  it("the ApiError's message carries the vendor's own sentence, redacted", async () => {
    const server = await start((_req, res) => sendJson(res, 400, { error: "Bad Request", message: `pageSize must be at most 100 (token=${TOKEN})` }));
    const paged: ClientDefinition = { ...bearer, pagination: { "/things": { scheme: "page-number", items: "/items", param: "page", total: "/pages/total" } } };
    const api = createApiClient<Paths, { "/things": unknown }>(paged, { baseUrl: server.url, token: TOKEN } as CommonClientOptions);
    const error = await (async () => {
      for await (const _ of api.paginate("/things" as never, {} as never)) void _;
    })().catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("ApiError");
    expect((error as Error).message).toContain("pageSize must be at most 100");
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe("contradictory or pointless options", () => {
  it("region and baseUrl together are refused, as is an empty scope list", () => {
    expect(() => createApiClient<PaloAltoAppsPaths, {}>({ ...paloAltoDefinition, regional: true, servers: { us: "https://us.example.test", eu: "https://eu.example.test" } }, { region: "eu", baseUrl: "http://127.0.0.1:9", clientId: "id", clientSecret: "secret-0123456789" } as CommonClientOptions)).toThrow(/`region` and `baseUrl` both name the host/);
    const scopes = paloAltoDefinition.auth.options["scopes"];
    if (scopes?.type === "string[]") {
      expect(() => createApiClient<PaloAltoAppsPaths, {}>(paloAltoDefinition, { baseUrl: "http://127.0.0.1:9", clientId: "id", clientSecret: "secret-0123456789", scopes: [] } as CommonClientOptions)).toThrow(/one or more/);
    }
  });
});

describe("a body that is not the JSON it claims to be", () => {
  it("is an ApiError with the status, not a raw SyntaxError", async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("<html>Maintenance</html>");
    });
    const error = await make(server.url).GET("/things").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "ApiError", status: 200, code: "invalid_json" });
  });
});

describe("a server that sends paging in circles", () => {
  it("is stopped with an ApiError after the pages of one round, not followed forever", async () => {
    const server = await start((req, res) => {
      // Page a → b → a → …: the cursor alternates.
      const cursor = new URL(req.url ?? "/", "http://x").searchParams.get("cursor") ?? "a";
      sendJson(res, 200, { items: [cursor], next_cursor: cursor === "a" ? "b" : "a", has_more: true });
    });
    const paged: ClientDefinition = { ...bearer, pagination: { "/things": { scheme: "cursor", items: "/items", param: "cursor", next: "/next_cursor", more: "/has_more" } } };
    const api = createApiClient<Paths, { "/things": unknown }>(paged, { baseUrl: server.url, token: TOKEN } as CommonClientOptions);
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of api.paginate("/things" as never, { params: { query: { cursor: "a" } } } as never)) seen.push(item);
    })().catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("ApiError");
    expect((error as Error).message).toMatch(/page already read/);
    expect(seen).toEqual(["a", "b"]);
  });
});

describe("an empty answer sent chunked", () => {
  it("is no data, not a JSON error", async () => {
    const server = await start((_req, res) => {
      res.writeHead(202, { "content-type": "application/json", "transfer-encoding": "chunked" });
      res.end();
    });
    const { data, response } = await make(server.url).GET("/things");
    expect(response.status).toBe(202);
    expect(data).toBeUndefined();
  });
});
