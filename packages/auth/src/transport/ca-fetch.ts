import { rootCertificates } from "node:tls";

/**
 * A fetch that trusts extra CA certificates besides the system's. Node's global fetch takes no
 * CA option, so this goes through undici with a dispatcher of its own; undici is loaded only
 * when a client is given `ca`. With a user's `fetch`, the dispatcher is passed in `init` instead.
 */
export function createCaFetch(ca: readonly string[], userFetch?: typeof fetch): typeof fetch {
  let ready: Promise<{ fetch: typeof fetch; dispatcher: unknown }> | undefined;
  const load = () =>
    (ready ??= import("undici").then((undici) => ({
      fetch: (userFetch ?? undici.fetch) as unknown as typeof fetch,
      dispatcher: new undici.Agent({ connect: { ca: [...rootCertificates, ...ca] } }),
    })));
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const { fetch: send, dispatcher } = await load();
    return send(input, { ...init, dispatcher } as RequestInit);
  }) as typeof fetch;
}
