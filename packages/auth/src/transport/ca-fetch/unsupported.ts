/**
 * Browsers and edge workers: their fetch cannot be told to trust another CA, so `ca` is refused
 * when the client is made rather than failing on the first call.
 */
import { ConfigurationError } from "../../errors/configuration-error.js";

export function createCaFetch(_ca: readonly string[], _userFetch?: typeof fetch): typeof fetch {
  throw new ConfigurationError("This runtime's fetch cannot trust an extra CA, so the `ca` option is not supported here.", {
    option: "ca",
    hint: "Leave `ca` out and have the runtime trust the certificate (the system or browser trust store), or pass a `fetch` that reaches the host through a proxy you trust.",
  });
}
