/**
 * Deno: an HTTP client made with `Deno.createHttpClient`, whose `caCerts` are trusted in addition
 * to the default roots, passed to fetch as `client`.
 */
import { ConfigurationError } from "../../errors/configuration-error.js";

interface DenoHttpRuntime {
  createHttpClient?: (options: { caCerts: string[] }) => unknown;
}

export function createCaFetch(ca: readonly string[], userFetch?: typeof fetch): typeof fetch {
  const deno = (globalThis as { Deno?: DenoHttpRuntime }).Deno;
  if (typeof deno?.createHttpClient !== "function") {
    throw new ConfigurationError("This Deno has no Deno.createHttpClient, so the `ca` option cannot be applied.", {
      option: "ca",
      hint: "Use Deno 2 or later, or start Deno with DENO_CERT=<file> and leave `ca` out.",
    });
  }
  const client = deno.createHttpClient({ caCerts: [...ca] });
  const send = userFetch ?? ((input, init) => globalThis.fetch(input, init));
  return ((input: string | URL | Request, init?: RequestInit) => send(input, { ...init, client } as RequestInit));
}
