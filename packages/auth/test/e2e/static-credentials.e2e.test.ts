import { describe, expect, it } from "vitest";
import { AuthenticationError, createApiClient, type ClientDefinition, type CommonClientOptions, type ModeDeclaration, ALL_FEATURES } from "../../src/building-blocks.js";
import { sendJson, testServersClosedAfterEach, type TestServer } from "../support/http-server.js";

// The three static credential forms, as they arrive on the wire, and what a refusal of one does.

const start = testServersClosedAfterEach();

type Paths = { "/things": { get: { responses: { 200: { content: { "application/json": unknown[] } } } } } };

function definition(mode: ModeDeclaration, options: ClientDefinition["auth"]["options"]): ClientDefinition {
  return {
    packageName: "@secfetch/test-static",
    features: ALL_FEATURES,
    servers: { default: "https://api.example.test" },
    regional: false,
    auth: { options, modes: [mode] },
    pagination: {},
    retrySafe: [],
  };
}

function serve(status = 200): Promise<TestServer> {
  return start((_req, res) => sendJson(res, status, status === 200 ? [] : { error: "invalid_token" }));
}

const apiKeyDefinition = definition(
  { name: "api-key", requires: ["apiKey"], static: { scheme: "header", header: "X-Api-Key", value: "{apiKey}" } },
  { apiKey: { type: "string", required: true, secret: true } },
);

describe("static credentials (real sockets)", () => {
  it("an API key goes in its own header, exactly as declared, and nowhere else", async () => {
    const server = await serve();
    const api = createApiClient<Paths, {}>(apiKeyDefinition, { baseUrl: server.url, apiKey: "key-0123456789" } as CommonClientOptions);
    expect((await api.GET("/things")).response.status).toBe(200);
    expect(server.requests[0]?.headers["x-api-key"]).toBe("key-0123456789");
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("a bearer token is `Bearer <token>` and Basic is base64 of user:password", async () => {
    const server = await serve();
    const bearer = createApiClient<Paths, {}>(
      definition({ name: "token", requires: ["token"], static: { scheme: "bearer", token: "{token}" } }, { token: { type: "string", required: true, secret: true } }),
      { baseUrl: server.url, token: "tok-abcdef" } as CommonClientOptions,
    );
    const basic = createApiClient<Paths, {}>(
      definition({ name: "basic", requires: ["username", "password"], static: { scheme: "basic", username: "{username}", password: "{password}" } }, {
        username: { type: "string", required: true },
        password: { type: "string", required: true, secret: true },
      }),
      { baseUrl: server.url, username: "admin", password: "pä:ss" } as CommonClientOptions,
    );
    await bearer.GET("/things");
    await basic.GET("/things");
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(["Bearer tok-abcdef", `Basic ${Buffer.from("admin:pä:ss").toString("base64")}`]);
  });

  it("a refused static key is an AuthenticationError at once: no sign-in can renew it, and the key is not in it", async () => {
    const server = await serve(401);
    const api = createApiClient<Paths, {}>(apiKeyDefinition, { baseUrl: server.url, apiKey: "key-refused-999" } as CommonClientOptions);
    const error = await api.GET("/things").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_token" });
    expect(JSON.stringify(error)).not.toContain("key-refused-999");
    expect(server.requests).toHaveLength(1);
  });
});
