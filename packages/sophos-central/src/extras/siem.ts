import { ApiError } from "@secfetch/auth";
import type { SophosCentralBaseClient } from "../generated/client.js";
import type { components } from "../generated/schema.js";

/** Where a SIEM read starts and what it asks for. */
export interface SiemReadOptions {
  /**
   * The `cursor` of the last batch an earlier run finished with: the read returns only what
   * Sophos recorded after it. Wins over `fromDate`. A cursor older than 24 hours resumes from
   * 24 hours ago (the feed keeps no more).
   */
  cursor?: string | undefined;
  /** First run only: start here, at most 24 hours ago. A `Date`, or unix seconds. Default: 24 hours ago. */
  fromDate?: Date | number | undefined;
  /** Items per batch, 1 to 1000. Default: the API's, 200. */
  limit?: number | undefined;
  /** Events only: event types to leave out, e.g. `Event::Endpoint::UpdateSuccess`. */
  excludeTypes?: readonly string[] | undefined;
  /** Stops the read. */
  signal?: AbortSignal | undefined;
}

/** One batch of a SIEM feed and the cursor to save once its items are stored. */
export interface SiemBatch<Item> {
  /** The batch's items, oldest first. */
  items: Item[];
  /** Pass it back as `cursor` to go on after this batch; the last batch's cursor is where new items will appear. */
  cursor: string;
}

export type SiemEvent = components["schemas"]["SiemEvent"];
export type SiemAlert = components["schemas"]["SiemAlert"];

type SiemQuery = { limit?: number; cursor?: string; from_date?: number; exclude_types?: string };

/**
 * The SIEM feeds a batch at a time, each with its cursor, until Sophos has nothing more ready
 * (`has_more: false`). A collector stores a batch's items, then saves its `cursor`, and starts
 * the next run with that cursor: no item is read twice and none is skipped. (A crash between
 * storing the items and saving the cursor reads that one batch again: keep `id`s unique.)
 */
export function createSiemReaders(client: SophosCentralBaseClient) {
  return {
    /** `GET /siem/v1/events` in batches with cursors (see `SiemReadOptions`). */
    siemEvents(options: SiemReadOptions = {}): AsyncIterable<SiemBatch<SiemEvent>> {
      const query: SiemQuery = { ...startQuery(options) };
      if (options.excludeTypes?.length) query.exclude_types = options.excludeTypes.join(",");
      return withCursors(client.pages("/siem/v1/events", { params: { query }, ...signalOf(options) }), query.cursor);
    },
    /** `GET /siem/v1/alerts` in batches with cursors (see `SiemReadOptions`; `excludeTypes` does not apply). */
    siemAlerts(options: Omit<SiemReadOptions, "excludeTypes"> = {}): AsyncIterable<SiemBatch<SiemAlert>> {
      const query = startQuery(options);
      return withCursors(client.pages("/siem/v1/alerts", { params: { query }, ...signalOf(options) }), query.cursor);
    },
  };
}

function startQuery(options: SiemReadOptions): SiemQuery {
  const query: SiemQuery = {};
  if (options.limit !== undefined) query.limit = options.limit;
  if (options.cursor !== undefined) query.cursor = options.cursor;
  else if (options.fromDate !== undefined) {
    query.from_date = options.fromDate instanceof Date ? Math.floor(options.fromDate.getTime() / 1000) : Math.floor(options.fromDate);
  }
  return query;
}

function signalOf(options: SiemReadOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

async function* withCursors<Item>(
  pages: AsyncIterable<{ items: Item[]; checkpoint: Record<string, unknown> | null }>,
  startCursor: string | undefined,
): AsyncGenerator<SiemBatch<Item>, void, undefined> {
  let previous = startCursor;
  for await (const page of pages) {
    const cursor = page.checkpoint?.["cursor"];
    // Without a cursor this batch cannot be resumed after: fail before handing out its items, so
    // the caller's saved cursor still points just before them and nothing is lost or repeated.
    if (typeof cursor !== "string") {
      throw new ApiError("@secfetch/sophos-central: a SIEM answer came without `next_cursor`, so there is no point to resume from.", {
        status: 200,
        hint: previous ? "Start again from the cursor saved last." : "Start again with `fromDate`.",
      });
    }
    previous = cursor;
    yield { items: page.items, cursor };
  }
}
