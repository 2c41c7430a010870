import type { SecfetchEvent } from "../../src/building-blocks.js";

const PER_CALL = new Set<SecfetchEvent["type"]>(["request.completed", "request.failed", "page.fetched"]);

/** The types of the sign-in, retry and replay events, in order: the story a test tells, without the one event per call and page. */
export function lifecycle(events: readonly SecfetchEvent[]): SecfetchEvent["type"][] {
  return events.map((event) => event.type).filter((type) => !PER_CALL.has(type));
}
