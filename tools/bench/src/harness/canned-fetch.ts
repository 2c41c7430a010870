/**
 * A `fetch` that answers at once from memory, the same way for every client: a token for the
 * token route, a small JSON list for anything else. It takes the network out of a measurement
 * that is about the client alone (memory held, overhead per call).
 */
export function cannedFetch(): typeof fetch {
  const list = JSON.stringify([{ app_id: "a1", app_name: "Box", app_type: "box" }, { app_id: "a2", app_name: "Slack", app_type: "slack" }]);
  const token = JSON.stringify({ access_token: "canned-token", token_type: "Bearer", expires_in: 3600 });
  const answer = (body: string) => new Response(body, { status: 200, headers: { "content-type": "application/json", "content-length": String(body.length) } });
  return ((input: string | URL | Request) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return Promise.resolve(answer(url.endsWith("/oauth/token") ? token : list));
  });
}
