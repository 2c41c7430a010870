import { fillTemplate, readPointer } from "../declaration/template.js";
import type { ChallengeDeclaration } from "../declaration/types.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { Redactor } from "../errors/redact.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { abortable, sleep } from "../util/abortable.js";
import { readJsonBody } from "../util/read-json-body.js";

/** What a sign-in challenge asks for, as handed to `onChallenge`. */
export interface Challenge {
  /** The kind of challenge (`otp`, `radius`, …). */
  challenge: string;
  /** How the code reaches the user (`ftm`, `ftk`, `email`, `sms`, …). */
  method: string;
  /** The server's sign-in session, when it gave one. */
  session?: string;
  /** Aborts when nobody waits for this sign-in any more: stop prompting the user. */
  signal?: AbortSignal;
}

/** Returns the code the user typed (an OTP, an emailed code). */
export type ChallengeCallback = (challenge: Challenge) => string | Promise<string>;

export interface ChallengeStepOptions {
  declaration: ChallengeDeclaration;
  /** Option values the answer's templates may use besides the challenge's own fields. */
  values: Readonly<Record<string, unknown>>;
  onChallenge: ChallengeCallback | undefined;
  /** Sends the push polls (the sign-in transport). */
  send: (request: Request) => Promise<Response>;
  redactor: Redactor;
  source: string;
  /** Stops a push poll or a prompt; the sign-in then fails with the signal's reason. `answer`'s own signal joins it. */
  signal?: AbortSignal;
  /** Overrides the declaration's poll interval and deadline (the user's `pushPollIntervalMs` / `pushDeadlineMs`). */
  pushPollIntervalMs?: number | undefined;
  pushDeadlineMs?: number | undefined;
  now?: () => number;
}

/**
 * The step a token endpoint asks for when credentials are right but not enough (MFA): read the
 * challenge, get the response — from the user's `onChallenge`, or for push methods by polling
 * until the user approves on their device — and return the fields to send with the retried
 * token request.
 */
export function createChallengeStep(options: ChallengeStepOptions) {
  const { declaration, source, redactor } = options;
  const now = options.now ?? Date.now;

  return async function answer(body: unknown, callerSignal?: AbortSignal): Promise<Record<string, string>> {
    const signals = [options.signal, callerSignal].filter((candidate): candidate is AbortSignal => candidate !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const fields: Record<string, string> = {};
    for (const [name, pointer] of Object.entries(declaration.fields)) {
      const value = readPointer(body, pointer);
      if (typeof value === "string" || typeof value === "number") fields[name] = String(value);
    }
    const challenge: Challenge = {
      challenge: fields.challenge ?? "",
      method: fields.method ?? "",
      ...(fields.session ? { session: fields.session } : {}),
      ...(signal ? { signal } : {}),
    };
    redactor.add(fields.session);
    const push = declaration.push;
    const response = push?.methods.includes(challenge.method) ? await pollPush(push, fields, signal) : await askUser(challenge, signal);
    redactor.add(response);
    const answer: Record<string, string> = {};
    for (const [name, template] of Object.entries(declaration.answer)) {
      const value = fillTemplate(template, { ...options.values, ...fields, response });
      if (value !== undefined) answer[name] = value;
    }
    return answer;
  };

  async function askUser(challenge: Challenge, signal: AbortSignal | undefined): Promise<string> {
    if (!options.onChallenge) {
      throw new ConfigurationError(`${source}: the sign-in needs a ${challenge.method || "second-factor"} code, and no \`onChallenge\` was given.`, {
        option: "onChallenge",
        hint: "Pass `onChallenge: async ({ method }) => code` that returns the code the user receives.",
      });
    }
    signal?.throwIfAborted();
    const code = await abortable(Promise.resolve(options.onChallenge(challenge)), signal);
    if (typeof code !== "string" || code.length === 0) {
      throw new ConfigurationError(`${source}: \`onChallenge\` returned no code for the ${challenge.method} challenge.`, {
        option: "onChallenge",
        hint: "Return the code as a non-empty string.",
      });
    }
    return code;
  }

  async function pollPush(push: NonNullable<ChallengeDeclaration["push"]>, fields: Record<string, string>, signal: AbortSignal | undefined): Promise<string> {
    const intervalMs = options.pushPollIntervalMs ?? push.intervalMs ?? 2_000;
    const deadlineMs = options.pushDeadlineMs ?? push.deadlineMs ?? 120_000;
    const deadline = now() + deadlineMs;
    for (;;) {
      const url = fillTemplate(push.poll.url, { ...options.values, ...fields });
      if (url === undefined) throw new ConfigurationError(`${source}: the push poll URL could not be built from the challenge.`);
      const response = await options.send(new Request(url, { method: push.poll.method ?? "GET", headers: { accept: "application/json" }, ...(signal ? { signal } : {}) }));
      const { json } = await readJsonBody(response);
      const status = readPointer(json, push.status);
      if (response.ok && status === push.approvedWhen) {
        const code = readPointer(json, push.response);
        if (typeof code === "string" && code.length > 0) return code;
        throw new AuthenticationError(`${source}: the push was approved but the answer carried no response code.`, { status: response.status, code: "push_malformed", redactor });
      }
      if (response.ok && typeof status === "string" && push.timedOutWhen?.includes(status)) {
        throw new TimeoutError(`${source}: the push sign-in timed out on the server (${status}) before the user answered.`, {
          timeoutMs: deadlineMs,
          hint: "Ask the user to approve the push sooner, then try again.",
        });
      }
      if (!response.ok || (typeof status === "string" && push.refusedWhen?.includes(status))) {
        throw new AuthenticationError(`${source}: the push sign-in was refused${typeof status === "string" ? ` (${status})` : ""}.`, {
          // The poll itself succeeded when the user said no: its 200 is not the refusal's status.
          ...(response.ok ? {} : { status: response.status }),
          code: "push_refused",
          redactor,
          hint: "Ask the user to approve the push on their device, or use a code method instead.",
        });
      }
      if (now() + intervalMs > deadline) {
        throw new TimeoutError(`${source}: the push sign-in was not approved within ${deadlineMs} ms.`, {
          timeoutMs: deadlineMs,
          hint: "Ask the user to approve the push sooner, then try again.",
        });
      }
      await sleep(intervalMs, signal);
    }
  }
}
