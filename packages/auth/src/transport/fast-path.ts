import { composePolicies, type PipelineRequest, type SendRequest, type TransportPolicy } from "./pipeline.js";

/**
 * The chain of `policies` around `attempt`, with a fast path for the usual call: when every
 * policy can do its part at once (a cached, fresh token; nothing to wait for), the attempt is
 * made directly, and when every policy would hand its answer back untouched (no refusal, no
 * redirect, nothing to retry), that answer is the result — no promise per policy, no copies.
 * Otherwise the full chain runs, with the first attempt's outcome handed to it in place of
 * its own first attempt, so every decision (replay, retry, redirect) is the one the chain
 * would have taken from the start.
 */
export function withFastPath(policies: readonly TransportPolicy[], attempt: SendRequest): SendRequest {
  const full = composePolicies(policies, primedAttempt(attempt));
  if (!policies.every((policy) => policy.prepare && policy.passes)) return full;
  const prepare = policies.map((policy) => (policy.prepare as NonNullable<TransportPolicy["prepare"]>).bind(policy));
  const passes = policies.map((policy) => (policy.passes as NonNullable<TransportPolicy["passes"]>).bind(policy));

  return (request) => {
    for (const ready of prepare) if (!ready(request)) return full(request);
    const first = attempt(request);
    return first.then(
      (response) => {
        for (const pass of passes) if (!pass(response, request)) return full(primed(request, first));
        return response;
      },
      () => full(primed(request, first)),
    );
  };
}

function primed(request: PipelineRequest, outcome: Promise<Response>): PipelineRequest {
  return { ...request, primed: { outcome } };
}

/** Answers the first attempt of a primed request with the outcome already in hand; every other attempt is real. */
function primedAttempt(attempt: SendRequest): SendRequest {
  return (request) => {
    const held = request.primed?.outcome;
    if (!held) return attempt(request);
    (request.primed as { outcome: Promise<Response> | undefined }).outcome = undefined;
    return held;
  };
}
