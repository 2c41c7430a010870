import { randomBytes } from "node:crypto";
import { opaqueToken } from "./oauth-store.js";
import type { FortiAuthenticatorPushStatus } from "./types.js";

/** One FortiToken Mobile push sent to a user's phone. */
export interface PushSession {
  /** 32 hex digits, as the appliance's sessions look. */
  readonly session: string;
  readonly username: string;
  readonly createdAt: number;
  status: FortiAuthenticatorPushStatus;
  /** Code handed out on approval, to be sent back to the token endpoint. */
  response: string | undefined;
  polls: number;
  /** Set once the token endpoint accepted the approval. */
  consumed: boolean;
}

/** How pushes behave: see the emulator options `pushTimeoutMs` and `pushAutoApproveAfterPolls`. */
export interface PushOptions {
  timeoutMs: number;
  autoApproveAfterPolls: number | null;
}

/**
 * The pushes in flight. The "phone" is the test: `approve`/`refuse` answer the user's newest
 * pending push; a push nobody answers times out after `timeoutMs`.
 */
export class PushCenter {
  readonly #sessions = new Map<string, PushSession>();
  readonly #listeners = new Set<() => void>();

  constructor(private readonly options: PushOptions) {}

  start(username: string): PushSession {
    const push: PushSession = {
      session: randomBytes(16).toString("hex"),
      username,
      createdAt: Date.now(),
      status: "pending",
      response: undefined,
      polls: 0,
      consumed: false,
    };
    this.#sessions.set(push.session, push);
    return push;
  }

  /** A poll of `session`: counts towards auto-approval. `undefined` for an unknown or used session. */
  poll(session: string): PushSession | undefined {
    const push = this.#live(session);
    if (!push) return undefined;
    push.polls += 1;
    const auto = this.options.autoApproveAfterPolls;
    if (push.status === "pending" && auto !== null && push.polls >= auto) this.#settle(push, "success");
    return push;
  }

  /** The session, with a time-out applied, unless unknown or already used. */
  get(session: string): PushSession | undefined {
    return this.#live(session);
  }

  /** The user's newest pending push, if any. */
  pending(username: string): PushSession | undefined {
    let found: PushSession | undefined;
    for (const push of this.#sessions.values()) {
      if (push.username === username && this.#live(push.session)?.status === "pending") found = push;
    }
    return found;
  }

  /** Approves (or refuses) the user's newest pending push. Returns whether there was one. */
  answer(username: string, approve: boolean): boolean {
    const push = this.pending(username);
    if (!push) return false;
    this.#settle(push, approve ? "success" : "denied");
    return true;
  }

  /** Waits until `push` is answered or times out (or `signal` aborts), then returns its status. */
  async settled(push: PushSession, signal: AbortSignal): Promise<FortiAuthenticatorPushStatus> {
    while (this.#live(push.session)?.status === "pending" && !signal.aborted) {
      const remaining = push.createdAt + this.options.timeoutMs - Date.now();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#listeners.delete(done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, remaining) + 1);
        timer.unref();
        this.#listeners.add(done);
        signal.addEventListener("abort", done);
      });
    }
    return push.status;
  }

  clear(): void {
    this.#sessions.clear();
    for (const wake of [...this.#listeners]) wake();
  }

  #live(session: string): PushSession | undefined {
    const push = this.#sessions.get(session);
    if (!push || push.consumed) return undefined;
    if (push.status === "pending" && Date.now() - push.createdAt >= this.options.timeoutMs) this.#settle(push, "timeout");
    return push;
  }

  #settle(push: PushSession, status: FortiAuthenticatorPushStatus): void {
    push.status = status;
    if (status === "success") push.response = opaqueToken(20);
    for (const wake of [...this.#listeners]) wake();
  }
}
