import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, ConfigurationError, createRedactor, isSecfetchError, NetworkError, SecfetchError } from "../../src/building-blocks.js";

const SECRET = "s3cr3t-Value-42";

describe("errors", () => {
  it("name themselves, in the stack too", () => {
    const error = new AuthenticationError("refused", { status: 401, code: "invalid_client" });
    expect(error.name).toBe("AuthenticationError");
    expect(error.stack?.startsWith("AuthenticationError: refused")).toBe(true);
    expect(error).toBeInstanceOf(SecfetchError);
    expect(isSecfetchError(error)).toBe(true);
    expect(isSecfetchError(new Error("x"))).toBe(false);
    class VendorError extends SecfetchError {}
    expect(isSecfetchError(new VendorError("x"))).toBe(true);
    const lookalike = Object.assign(new Error("x"), { name: "ApiError", hint: undefined });
    expect(isSecfetchError(lookalike)).toBe(false);
  });

  it("keep no secret in message, cause, body, toJSON or inspect", () => {
    const redactor = createRedactor([SECRET]);
    const cause = new Error(`upstream said password=${SECRET}`, { cause: new Error(`Authorization: Bearer ${SECRET}`) });
    const error = new AuthenticationError(`failed with ${SECRET}`, {
      status: 400,
      code: "invalid_grant",
      body: { error: "invalid_grant", error_description: `bad ${SECRET}`, access_token: "tok-abc-123" },
      cause,
      redactor,
    });
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("tok-abc-123");
    }
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "AuthenticationError", status: 400, code: "invalid_grant" });
  });

  it("keep no secret in an ApiError's code or request id, where a server echoed one", () => {
    const redactor = createRedactor([SECRET]);
    redactor.add("tok-issued-777");
    const error = new ApiError("page failed", { status: 400, code: `bad token tok-issued-777`, requestId: `req-${SECRET}`, redactor });
    for (const text of [String(error.code), String(error.requestId), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("tok-issued-777");
    }
  });

  it("a redactor never forgets the client's own credentials, however many tokens it learns", () => {
    const basic = `Basic ${Buffer.from(`client:${SECRET}`).toString("base64")}`;
    const redactor = createRedactor([SECRET]);
    redactor.pin(basic, basic.slice("Basic ".length));
    // Tokens longer than the secret, as real ones are: they must not push the secret out.
    for (let i = 0; i < 500; i++) redactor.add(`issued-access-token-number-${i}-${"x".repeat(40)}`);
    const text = redactor.redact(`echo ${SECRET} ${basic.slice(6)} ${encodeURIComponent(SECRET)} issued-access-token-number-499-${"x".repeat(40)}`);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(basic.slice(6));
    expect(text).not.toContain("issued-access-token-number-499");
  });

  it("hide session and auth tokens under any vendor prefix, by key and in text", () => {
    const error = new ApiError("x", { status: 401, body: { xAuthToken: "aaa-bbb-ccc", apiSessionId: "sid-123", nextpage: "keep-me" } });
    expect(error.body).toEqual({ xAuthToken: "[REDACTED]", apiSessionId: "[REDACTED]", nextpage: "keep-me" });
    expect(new NetworkError('echo {"xAuthToken":"aaa-bbb-ccc"}').message).not.toContain("aaa-bbb-ccc");
  });

  it("redact credential-shaped text even without a redactor", () => {
    const error = new NetworkError("sent Authorization: Bearer abcdefghijkl and refresh_token=zzzzzzzz");
    expect(error.message).not.toContain("abcdefghijkl");
    expect(error.message).not.toContain("zzzzzzzz");
  });

  it("carry their fields", () => {
    expect(new ConfigurationError("x", { option: "clientId" }).option).toBe("clientId");
    expect(new ApiError("x", { status: 503, requestId: "r1" }).toJSON()).toMatchObject({ status: 503, requestId: "r1" });
  });

  it("JSON.stringify never throws, even on a circular cause", () => {
    const cause: Record<string, unknown> = { a: 1 };
    cause.self = cause;
    expect(() => JSON.stringify(new SecfetchError("x", { cause }))).not.toThrow();
  });
});
