import { describe, expectTypeOf, it } from "vitest";
import { createFortiAuthenticatorClient, type components } from "../src/index.js";

// Compile-time checks: `tsc -p tsconfig.json --noEmit` covers this file, and each
// `@ts-expect-error` fails the typecheck if the line below it ever stops being an error.
// Nothing here is called at run time (the clients would need a server).
const baseUrl = "https://fac.example.test";

describe("types", () => {
  it("are checked against the spec", () => {
    const client = createFortiAuthenticatorClient({ baseUrl, adminUser: "admin", accessKey: "key" });
    const typed = async () => {
      // @ts-expect-error: no such path in the spec
      await client.GET("/api/v1/localuser/");
      // @ts-expect-error: paths keep their trailing slash
      await client.GET("/api/v1/localusers");
      // @ts-expect-error: `limit` is an integer
      await client.GET("/api/v1/localusers/", { params: { query: { limit: "20" } } });
      // @ts-expect-error: the detail path needs its id
      await client.GET("/api/v1/localusers/{id}/");
      // @ts-expect-error: the resource index is not a paged operation
      client.paginate("/api/v1/");
      // @ts-expect-error: a credential check needs the user name
      await client.POST("/api/v1/auth/", { body: { password: "x" } });

      const { data } = await client.GET("/api/v1/localusers/{id}/", { params: { path: { id: 1 } } });
      if (data) expectTypeOf(data).toEqualTypeOf<components["schemas"]["LocalUser"]>();
      for await (const user of client.paginate("/api/v1/localusers/", { params: { query: { limit: 100 } } })) {
        expectTypeOf(user).toEqualTypeOf<components["schemas"]["LocalUser"]>();
      }
    };
    expectTypeOf(typed).toBeFunction();
    expectTypeOf(client.auth.getToken).returns.resolves.toBeString();
  });

  it("take exactly one complete set of credentials", () => {
    const ok = [
      () => createFortiAuthenticatorClient({ baseUrl, clientId: "app", username: "alice", password: "p" }),
      () => createFortiAuthenticatorClient({ baseUrl, clientId: "app", clientSecret: "s", username: "grace", password: "p", realm: "corp-ldap" }),
      () => createFortiAuthenticatorClient({ baseUrl, clientId: "app", authorizationCode: "code", redirectUri: "https://app.example.test/cb" }),
      () => createFortiAuthenticatorClient({ baseUrl, clientId: "app", refreshToken: "r" }),
      () => createFortiAuthenticatorClient({ baseUrl, adminUser: "admin", accessKey: "key" }),
      () =>
        createFortiAuthenticatorClient({
          baseUrl,
          clientId: "app",
          username: "bob",
          password: "p",
          onChallenge: ({ challenge, method, session }) => `${challenge}${method}${session ?? ""}`,
        }),
    ];
    // @ts-expect-error: `username` needs `password`
    const noPassword = () => createFortiAuthenticatorClient({ baseUrl, clientId: "app", username: "alice" });
    // @ts-expect-error: `adminUser` needs `accessKey`
    const noKey = () => createFortiAuthenticatorClient({ baseUrl, adminUser: "admin" });
    // @ts-expect-error: the OAuth grants need `clientId`
    const noClientId = () => createFortiAuthenticatorClient({ baseUrl, username: "alice", password: "p" });
    // @ts-expect-error: a client id alone is no credential
    const nothing = () => createFortiAuthenticatorClient({ baseUrl, clientId: "app" });
    // @ts-expect-error: an appliance has no default host
    const noHost = () => createFortiAuthenticatorClient({ adminUser: "admin", accessKey: "key" });
    // @ts-expect-error: onChallenge returns the code as a string
    const badChallenge = () => createFortiAuthenticatorClient({ baseUrl, clientId: "app", username: "bob", password: "p", onChallenge: () => 123456 });
    expectTypeOf(ok).items.toBeFunction();
    for (const made of [noPassword, noKey, noClientId, nothing, noHost, badChallenge]) expectTypeOf(made).toBeFunction();
  });
});
