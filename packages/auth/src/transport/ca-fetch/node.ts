/**
 * Node: a fetch that trusts extra CA certificates besides the system's. Node's global fetch
 * takes no CA option, so this goes through undici with a dispatcher of its own. undici (an
 * optional peer dependency) and `node:tls` are loaded only when a client is given `ca`, so a
 * bundle never pulls them in. With a user's `fetch`, the dispatcher is passed in `init` instead.
 */
import { ConfigurationError } from "../../errors/configuration-error.js";

export function createCaFetch(ca: readonly string[], userFetch?: typeof fetch): typeof fetch {
  let ready: Promise<{ fetch: typeof fetch; dispatcher: unknown }> | undefined;
  const load = () =>
    (ready ??= Promise.all([import("node:tls"), import("undici").catch(undiciMissing)]).then(([tls, undici]) => ({
      fetch: (userFetch ?? undici.fetch) as unknown as typeof fetch,
      dispatcher: new undici.Agent({ connect: { ca: [...tls.rootCertificates, ...ca] } }),
    })));
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const { fetch: send, dispatcher } = await load();
    return send(input, { ...init, dispatcher } as RequestInit);
  });
}

function undiciMissing(cause: unknown): never {
  throw new ConfigurationError("The `ca` option on Node needs the undici package, which is not installed.", {
    option: "ca",
    hint: "Run `npm install undici` (version 7) beside your secfetch package, or start Node with NODE_EXTRA_CA_CERTS=<file> and leave `ca` out.",
    cause,
  });
}
