import { sendEmpty, sendJson } from "../shared/http-helpers.js";
import type { Environment, PaloAltoRoute, RequestContext } from "./context.js";
import type { PaloAltoLogEvent } from "./types.js";

/** Default batch size when `size` is left out (the spec leaves it open; our choice). */
const DEFAULT_BULK_SIZE = 100;

/** The read-once log-event queue (scope `api_access`). */
export const logEventRoutes: readonly PaloAltoRoute[] = [
  { method: "GET", path: "/api/v1/log_events", scope: "api_access", handle: getLogEvent },
  { method: "GET", path: "/api/v1/log_events_bulk", scope: "api_access", handle: getLogEventsBulk },
];

/** One event (200), or 204 after `emptyQueueDelayMs` when the queue stays empty. */
async function getLogEvent(ctx: RequestContext, env: Environment): Promise<void> {
  const [event] = await take(ctx, env, 1);
  if (event) sendJson(ctx.res, 200, event);
  else if (!ctx.res.destroyed) sendEmpty(ctx.res, 204);
}

/** `{ events: [...] }` with up to `size` (1..100) events, or 204 as above. */
async function getLogEventsBulk(ctx: RequestContext, env: Environment): Promise<void> {
  const size = (ctx.input.query["size"] as number | undefined) ?? DEFAULT_BULK_SIZE;
  const events = await take(ctx, env, size);
  if (events.length > 0) sendJson(ctx.res, 200, { events });
  else if (!ctx.res.destroyed) sendEmpty(ctx.res, 204);
}

/**
 * Long-polls like the service: waits up to `emptyQueueDelayMs` for events when the queue is
 * empty. Events are removed only when they are about to be sent; a caller that has gone away
 * (or an emulator that is closing) takes nothing.
 */
async function take(ctx: RequestContext, env: Environment, max: number): Promise<PaloAltoLogEvent[]> {
  await env.state.waitForLogEvents(env.options.emptyQueueDelayMs, ctx.signal);
  if (ctx.signal.aborted || ctx.res.destroyed || ctx.req.socket.destroyed) {
    ctx.res.destroy();
    return [];
  }
  return env.state.takeLogEvents(max);
}
