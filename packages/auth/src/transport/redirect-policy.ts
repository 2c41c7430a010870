import type { TransportPolicy } from "./pipeline.js";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Follows redirects itself (the fetch below runs with `redirect: "manual"`), so it can drop the
 * credential headers before a hop to another origin: a token or session cookie must never
 * follow a redirect off the host it was issued for. 303 (and 301/302 after a POST) become a
 * GET without a body, as browsers do.
 */
export function redirectPolicy({ credentialHeaders, maxRedirects = 5 }: { credentialHeaders: readonly string[]; maxRedirects?: number }): TransportPolicy {
  return {
    name: "redirect",
    prepare: () => true,
    passes: (response) => maxRedirects === 0 || !REDIRECTS.has(response.status) || !response.headers.has("location"),
    async send(request, next) {
      let current = request;
      for (let hop = 0; ; hop++) {
        const response = await next(current);
        const location = response.headers.get("location");
        if (!REDIRECTS.has(response.status) || location === null || hop >= maxRedirects) return response;
        const url = new URL(location, current.url);
        if (url.protocol !== "https:" && url.protocol !== "http:") return response;
        await response.body?.cancel().catch(() => {});
        const headers = new Headers(current.headers);
        if (url.origin !== current.url.origin) for (const name of credentialHeaders) headers.delete(name);
        const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === "POST");
        if (toGet) {
          headers.delete("content-type");
          headers.delete("content-length");
        }
        current = { ...current, url, headers, method: toGet ? "GET" : current.method, body: toGet ? undefined : current.body };
      }
    },
  };
}
