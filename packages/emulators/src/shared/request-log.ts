import type { IncomingMessage } from "node:http";

/**
 * One request as the emulator received it, for test assertions. Headers and body are recorded
 * as sent — including credentials — and stay in memory; the emulator never prints them.
 */
export interface RecordedRequest {
  /** Upper-case method. */
  readonly method: string;
  /** Path without the query, e.g. `/incident/api/incidents/delta`. */
  readonly path: string;
  /** Query parameters: one value as a string, a repeated name as an array. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Request headers, names lower-case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (UTF-8), `""` when none. */
  readonly body: string;
  /** The route that matched (`"GET /incident/api/incidents/{id}"`), or `null` (404/405). */
  readonly route: string | null;
  /** When it arrived. */
  readonly at: Date;
}

/** Records every request an emulator receives, faulted and rejected ones included. */
export class RequestLog {
  readonly #entries: RecordedRequest[] = [];
  readonly #counts = new Map<string, number>();

  /** Every recorded request, oldest first. */
  get entries(): readonly RecordedRequest[] {
    return this.#entries;
  }

  /** Records `req` (already routed to `route`) with its `body`. */
  record(req: IncomingMessage, url: URL, route: string | null, body: Buffer): RecordedRequest {
    const query: Record<string, string | string[]> = {};
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      query[name] = values.length === 1 ? values[0]! : values;
    }
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(req.headersDistinct)) {
      if (values) headers[name] = values.join(", ");
    }
    const entry: RecordedRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query,
      headers,
      body: body.toString("utf8"),
      route,
      at: new Date(),
    };
    this.#entries.push(entry);
    if (route !== null) this.#counts.set(route, (this.#counts.get(route) ?? 0) + 1);
    return entry;
  }

  /** Requests to `route` (e.g. `"POST /oauth/token"`) so far; with no argument, all requests. */
  count(route?: string): number {
    return route === undefined ? this.#entries.length : (this.#counts.get(route) ?? 0);
  }

  /** Forgets every recorded request and zeroes the counters. */
  clear(): void {
    this.#entries.length = 0;
    this.#counts.clear();
  }
}
