import { randomBytes, randomUUID } from "node:crypto";

/** An InSight (Tomcat/Spring) HTTP session. */
export interface Session {
  /** The `JSESSIONID`: 32 upper-case hex digits, as Tomcat makes them. */
  readonly id: string;
  /** The session's CSRF token (a UUID); changes at login. */
  csrf: string;
  /** The signed-in user, or `null` before login. */
  user: string | null;
  /** Last accepted request, epoch milliseconds (sessions expire after an idle period). */
  lastAccess: number;
}

/** The outcome of {@link SessionStore.find}. */
export type SessionLookup = { status: "found"; session: Session } | { status: "expired" | "unknown" };

/** Sessions by id, with idle expiry. */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  /** Ids of sessions that ended (expired or replaced at login), to tell "expired" from "unknown". */
  readonly #ended = new Set<string>();

  constructor(private readonly ttlMs: number) {}

  /** Starts a session nobody is signed in to yet (`GET /insight/api/v2/token`). */
  create(): Session {
    const session: Session = { id: freshId(this.#sessions), csrf: randomUUID(), user: null, lastAccess: Date.now() };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** Finds a live session; one idle for longer than the TTL is ended now. Does not renew it. */
  find(id: string): SessionLookup {
    const session = this.#sessions.get(id);
    if (!session) return { status: this.#ended.has(id) ? "expired" : "unknown" };
    if (Date.now() - session.lastAccess >= this.ttlMs) {
      this.#end(session.id);
      return { status: "expired" };
    }
    return { status: "found", session };
  }

  /** Renews the idle timer of an accepted request. */
  touch(session: Session): void {
    session.lastAccess = Date.now();
  }

  /**
   * Signs `user` in to `session`. The CSRF token always changes (Spring's
   * CsrfAuthenticationStrategy); with `newId` the session also moves to a new id and the old
   * one stops working (session-fixation protection). Returns the session now in use.
   */
  login(session: Session, user: string, newId: boolean): Session {
    const next: Session = { id: newId ? freshId(this.#sessions) : session.id, csrf: randomUUID(), user, lastAccess: Date.now() };
    if (newId) this.#end(session.id);
    this.#sessions.set(next.id, next);
    return next;
  }

  /** Ends every session: the next call with any of them gets 401. */
  expireAll(): void {
    for (const id of [...this.#sessions.keys()]) this.#end(id);
  }

  /** How many live sessions are waiting for login and how many are signed in. */
  counts(): { anonymous: number; authenticated: number } {
    let anonymous = 0;
    let authenticated = 0;
    for (const session of this.#sessions.values()) {
      if (Date.now() - session.lastAccess >= this.ttlMs) continue;
      if (session.user === null) anonymous++;
      else authenticated++;
    }
    return { anonymous, authenticated };
  }

  clear(): void {
    this.#sessions.clear();
    this.#ended.clear();
  }

  #end(id: string): void {
    this.#sessions.delete(id);
    this.#ended.add(id);
  }
}

function newId(): string {
  return randomBytes(16).toString("hex").toUpperCase();
}

function freshId(taken: ReadonlyMap<string, Session>): string {
  let id = newId();
  while (taken.has(id)) id = newId();
  return id;
}
