/**
 * What a client tells `onEvent`. Events carry timings, statuses and the URL's origin and path —
 * never a query string, header, body, token or secret.
 */
export type SecfetchEvent =
  | { type: "token.issued"; durationMs: number; expiresInMs: number | null }
  | { type: "token.refreshed"; durationMs: number; expiresInMs: number | null; background: boolean }
  | {
      type: "token.failed";
      durationMs: number;
      background: boolean;
      error: { name: string; message: string; status?: number; code?: string };
    }
  | { type: "request.retry"; method: string; url: string; attempt: number; delayMs: number; status?: number; reason: string }
  | { type: "request.replay"; method: string; url: string; status: number }
  /** A call answered (after any retry, replay or redirect); `signIn` for a sign-in step's own request. */
  | { type: "request.completed"; method: string; url: string; status: number; durationMs: number; signIn: boolean }
  /** A call that got no answer it could use: no connection, a timeout, an abort. */
  | { type: "request.failed"; method: string; url: string; durationMs: number; signIn: boolean; error: { name: string; message: string } }
  /** One page of a `paginate()` / `pages()` walk read: its number in the walk (from 1) and its item count. */
  | { type: "page.fetched"; path: string; page: number; items: number; durationMs: number }
  /** A shared token store (Redis) failed: calls go on with tokens held in this process. Once per outage. */
  | { type: "store.unavailable"; error: { name: string; message: string } }
  /** The shared token store answers again after `outageMs`: processes share tokens again. */
  | { type: "store.restored"; outageMs: number };

export type EventListener = (event: SecfetchEvent) => void;

/** Wraps a user listener so that a throwing listener can never break a request. */
export function createEventSink(listener: EventListener | undefined): EventListener {
  if (!listener) return () => {};
  return (event) => {
    try {
      listener(event);
    } catch {
      // A listener's own failure is its business; the request goes on.
    }
  };
}

/** Origin and path of a URL, the only part of it events and messages show. */
export function displayUrl(url: URL | string): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  return `${parsed.origin}${parsed.pathname}`;
}
