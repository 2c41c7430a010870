/**
 * `--verbose`: one line per request, page, sign-in, retry and replay, from the client's `onEvent`.
 * The engine's events hold no secret; the query string is dropped too, as the engine's own debug
 * log does (a vendor may carry a token or a CSRF value there).
 */
export function verboseLogger(vendor: string, note: (text: string) => void): (event: { type: string }) => void {
  const bare = (url: unknown) => String(url).split("?")[0]!;
  return (raw) => {
    const event = raw as Record<string, unknown> & { type: string };
    switch (event.type) {
      case "request.completed":
        return note(`${vendor}: ${String(event.method)} ${bare(event.url)} → ${String(event.status)} in ${String(event.durationMs)} ms${event.signIn ? " (sign-in)" : ""}`);
      case "request.failed":
        return note(`${vendor}: ${String(event.method)} ${bare(event.url)} failed after ${String(event.durationMs)} ms: ${String((event.error as { name?: string } | undefined)?.name)}`);
      case "request.retry":
        return note(`${vendor}: retry ${String(event.attempt)} of ${String(event.method)} ${bare(event.url)} in ${String(event.delayMs)} ms (${String(event.reason)})`);
      case "request.replay":
        return note(`${vendor}: ${String(event.method)} ${bare(event.url)} refused (${String(event.status)}): signed in again, replayed`);
      case "token.issued":
        return note(`${vendor}: signed in in ${String(event.durationMs)} ms`);
      case "token.refreshed":
        return note(`${vendor}: token refreshed in ${String(event.durationMs)} ms`);
      case "token.failed":
        return note(`${vendor}: sign-in failed`);
      case "page.fetched":
        return note(`${vendor}: page ${String(event.page)} of ${bare(event.path)}: ${String(event.items)} items`);
      default:
        return note(`${vendor}: ${event.type}`);
    }
  };
}
