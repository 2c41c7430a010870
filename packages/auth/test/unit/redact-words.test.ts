import { describe, expect, it } from "vitest";
import { createRedactor, redactPatterns } from "../../src/errors/redact.js";

// Redaction removes secrets and credential-shaped values; the words around them stay.
describe("redaction keeps ordinary words and punctuation", () => {
  it.each([
    ["a Sophos wrong-secret refusal", "(HTTP 401, oauth.invalid_client_secret: Unauthorized)"],
    ["an RFC 6750 challenge", 'Bearer error="invalid_token", error_description="The access token expired"'],
    ["an error code and its text", "error=invalid_token: expired"],
    ["Entra's tenant refusal", "AADSTS9001023: The grant type is not supported over the /common or /consumers endpoints."],
    ["a FortiAuthenticator refusal", "invalid_grant: Invalid credentials given."],
    ["prose about passwords", "Check the password policy of the group."],
    ["a hint naming a bearer token", "Pass a bearer token from the portal. Basic auth is refused."],
    ["a scheme at the end of a sentence", "The API takes Bearer tokens only, never Basic."],
  ])("%s stays as it is", (_name, text) => {
    expect(redactPatterns(text)).toBe(text);
    expect(createRedactor([]).redact(text)).toBe(text);
  });

  it.each([
    ["a bearer header", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "Authorization: Bearer [REDACTED]"],
    ["a Basic header", "Basic dXNlcjpwYXNz", "Basic [REDACTED]"],
    ["a long all-letter token", "Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "Authorization: Bearer [REDACTED]"],
    ["a short token with a digit", "Bearer ab12", "Bearer [REDACTED]"],
    ["a form body", "grant_type=password&password=hunter2&client_secret=s3cr3t", "grant_type=password&password=[REDACTED]&client_secret=[REDACTED]"],
    ["a JSON body", '{"access_token": "abc.def", "token_type": "bearer"}', '{"access_token": "[REDACTED]", "token_type": "bearer"}'],
    ["a cookie", "JSESSIONID=ABCDEF0123; Path=/", "JSESSIONID=[REDACTED]; Path=/"],
  ])("%s is still redacted", (_name, text, expected) => {
    expect(redactPatterns(text)).toBe(expected);
  });
});
