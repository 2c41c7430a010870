import { describe, expect, it } from "vitest";
import {
  authPolicy,
  AuthenticationError,
  composePolicies,
  ConfigurationError,
  createRedactor,
  createStaticAuthorizer,
  NetworkError,
  retryPolicy,
  timeoutPolicy,
  TimeoutError,
  type PipelineRequest,
  type SecfetchEvent,
} from "../../src/building-blocks.js";

// Unit tests inject the innermost send; end-to-end paths use real sockets (test/e2e and the vendor packages).
function request(method = "GET", url = "https://api.example.com/x"): PipelineRequest {
  return { url: new URL(url), method, headers: new Headers(), body: undefined, signal: undefined, retrySafe: method === "GET" };
}

function scripted(outcomes: Array<number | Error | Response>) {
  const seen: PipelineRequest[] = [];
  return {
    seen,
    send: async (req: PipelineRequest) => {
      seen.push({ ...req, headers: new Headers(req.headers) });
      const next = outcomes.shift();
      if (next instanceof Error) throw next;
      if (next instanceof Response) return next;
      return new Response(null, { status: next ?? 200 });
    },
  };
}

const fast = { baseDelayMs: 1, maxDelayMs: 2 };

describe("retryPolicy", () => {
  it("retries 5xx and connection errors for idempotent requests", async () => {
    const script = scripted([503, new NetworkError("reset"), 200]);
    const response = await composePolicies([retryPolicy(fast)], script.send)(request());
    expect(response.status).toBe(200);
    expect(script.seen).toHaveLength(3);
  });

  it("retries 408 and every 5xx for idempotent requests, not other 4xx", async () => {
    for (const status of [408, 500, 501, 502, 504, 507, 599]) {
      const script = scripted([status, 200]);
      expect((await composePolicies([retryPolicy(fast)], script.send)(request())).status).toBe(200);
      expect(script.seen).toHaveLength(2);
    }
    for (const status of [400, 404, 409, 422]) {
      const script = scripted([status, 200]);
      expect((await composePolicies([retryPolicy(fast)], script.send)(request())).status).toBe(status);
      expect(script.seen).toHaveLength(1);
    }
  });

  it("does not retry a 5xx or a connection error for a POST", async () => {
    const script = scripted([500]);
    expect((await composePolicies([retryPolicy(fast)], script.send)(request("POST"))).status).toBe(500);
    const failing = scripted([new NetworkError("reset")]);
    await expect(composePolicies([retryPolicy(fast)], failing.send)(request("POST"))).rejects.toBeInstanceOf(NetworkError);
    expect(failing.seen).toHaveLength(1);
  });

  it("retries 429 for every method, honouring Retry-After, and reports it", async () => {
    const events: SecfetchEvent[] = [];
    const script = scripted([new Response(null, { status: 429, headers: { "retry-after-ms": "5" } }), 201]);
    const response = await composePolicies([retryPolicy({ ...fast, onEvent: (event) => events.push(event) })], script.send)(request("POST"));
    expect(response.status).toBe(201);
    expect(events).toEqual([expect.objectContaining({ type: "request.retry", delayMs: 5, status: 429, attempt: 1 })]);
  });

  it("gives the response back when Retry-After asks for longer than the cap", async () => {
    const script = scripted([new Response(null, { status: 429, headers: { "retry-after": "3600" } })]);
    expect((await composePolicies([retryPolicy(fast)], script.send)(request())).status).toBe(429);
    expect(script.seen).toHaveLength(1);
  });

  it("stops after maxRetries and with maxRetries 0", async () => {
    const script = scripted([503, 503, 503, 503]);
    expect((await composePolicies([retryPolicy({ ...fast, maxRetries: 2 })], script.send)(request())).status).toBe(503);
    expect(script.seen).toHaveLength(3);
    const none = scripted([503]);
    expect((await composePolicies([retryPolicy({ ...fast, maxRetries: 0 })], none.send)(request())).status).toBe(503);
    expect(none.seen).toHaveLength(1);
  });
});

describe("timeoutPolicy", () => {
  it("turns a slow attempt into TimeoutError", async () => {
    const slow = (req: PipelineRequest) =>
      new Promise<Response>((_, reject) => req.signal?.addEventListener("abort", () => reject(req.signal?.reason)));
    await expect(composePolicies([timeoutPolicy({ timeoutMs: 20, source: "t" })], slow)(request())).rejects.toBeInstanceOf(TimeoutError);
  });

  it("leaves the caller's own abort an abort", async () => {
    const controller = new AbortController();
    const slow = (req: PipelineRequest) =>
      new Promise<Response>((_, reject) => req.signal?.addEventListener("abort", () => reject(req.signal?.reason)));
    const pending = composePolicies([timeoutPolicy({ timeoutMs: 5_000, source: "t" })], slow)({ ...request(), signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});

describe("authPolicy", () => {
  const redactor = createRedactor();

  it("refuses credentials over plain http to a remote host", async () => {
    const send = composePolicies([authPolicy({ authorizer: createStaticAuthorizer({ Authorization: "Bearer x" }), redactor, source: "t" })], async () => new Response());
    await expect(send(request("GET", "http://api.example.com/x"))).rejects.toBeInstanceOf(ConfigurationError);
    await expect(send(request("GET", "http://127.0.0.1:9/x"))).resolves.toBeInstanceOf(Response);
  });

  it("throws AuthenticationError when a static credential is refused", async () => {
    const script = scripted([new Response(JSON.stringify({ error: "invalid_token" }), { status: 401 })]);
    const send = composePolicies([authPolicy({ authorizer: createStaticAuthorizer({ Authorization: "Bearer static-token-1" }), redactor: createRedactor(["static-token-1"]), source: "t" })], script.send);
    const error = await send(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe("invalid_token");
    expect(JSON.stringify(error)).not.toContain("static-token-1");
  });

  it("re-signs and replays the same bytes once", async () => {
    let token = 1;
    const authorizer = {
      async authorize(req: PipelineRequest) {
        req.headers.set("authorization", `Bearer t${token}`);
        return `t${token}`;
      },
      async renew() {
        token++;
        return true;
      },
    };
    const script = scripted([401, 200]);
    const body = new TextEncoder().encode('{"a":1}');
    const response = await composePolicies([authPolicy({ authorizer, redactor, source: "t" })], script.send)({ ...request("POST"), body });
    expect(response.status).toBe(200);
    expect(script.seen.map((req) => req.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
    expect(script.seen[1]?.body).toBe(body);
  });
});
