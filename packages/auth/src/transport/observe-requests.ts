import { displayUrl, type EventListener } from "../events.js";
import type { SendRequest } from "./pipeline.js";

/**
 * Tells `onEvent` how each call through `send` ended, timed from the caller's side (retries,
 * replays and redirects included). Only wrapped around a client's transport when someone
 * listens, so a client without a listener pays nothing for it.
 */
export function observeRequests(send: SendRequest, onEvent: EventListener, signIn: boolean): SendRequest {
  return (request) => {
    const started = Date.now();
    const method = request.method;
    const url = displayUrl(request.url);
    return send(request).then(
      (response) => {
        onEvent({ type: "request.completed", method, url, status: response.status, durationMs: Date.now() - started, signIn });
        return response;
      },
      (error: unknown) => {
        const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
        onEvent({ type: "request.failed", method, url, durationMs: Date.now() - started, signIn, error: { name, message } });
        throw error;
      },
    );
  };
}
