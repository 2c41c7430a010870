import { describe, expect, it } from "vitest";
import { MalformedTokenResponse, parseTokenResponse } from "../../src/building-blocks.js";

const at = { requestedAt: 1_000 };

describe("parseTokenResponse", () => {
  it.each([
    ["a number", 3600, 1_000 + 3_600_000],
    ["a numeric string", "3600", 1_000 + 3_600_000],
    ["zero (never expires)", 0, null],
    ["absent (never expires)", undefined, null],
    ["a century or more (never)", 10 ** 12, null],
  ])("reads expires_in as %s", (_, expiresIn, expected) => {
    const record = parseTokenResponse({ access_token: "abc", token_type: "Bearer", expires_in: expiresIn }, at);
    expect(record.expiresAt).toBe(expected);
    expect(record.tokenType).toBe("bearer");
  });

  it.each([
    ["a non-object", "<html>oops</html>"],
    ["no access_token", { token_type: "bearer" }],
    ["an empty access_token", { access_token: "" }],
    ["a token with a newline", { access_token: "abc\r\nX-Evil: 1" }],
    ["a negative expires_in", { access_token: "abc", expires_in: -5 }],
    ["a non-numeric expires_in", { access_token: "abc", expires_in: "soon" }],
    ["a token_type that is not a string", { access_token: "abc", token_type: 7 }],
    ["a refresh_token that is not a string", { access_token: "abc", refresh_token: 12 }],
  ])("rejects %s", (_, body) => {
    expect(() => parseTokenResponse(body, at)).toThrow(MalformedTokenResponse);
  });

  it("keeps refresh token and scope", () => {
    expect(parseTokenResponse({ access_token: "a", refresh_token: "r", scope: "read" }, at)).toMatchObject({ refreshToken: "r", scope: "read" });
  });

  it("can be told that 0 or absent is an error", () => {
    expect(() => parseTokenResponse({ access_token: "a", expires_in: 0 }, { ...at, zeroMeansNever: false })).toThrow(MalformedTokenResponse);
    expect(() => parseTokenResponse({ access_token: "a" }, { ...at, absentMeansNever: false })).toThrow(MalformedTokenResponse);
  });
});
