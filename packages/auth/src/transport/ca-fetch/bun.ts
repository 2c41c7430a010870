/**
 * Bun: its fetch takes the CA itself, in a `tls` option. Bun's `tls.ca` replaces the default
 * trust store rather than adding to it, so the system's roots go in first.
 */
export function createCaFetch(ca: readonly string[], userFetch?: typeof fetch): typeof fetch {
  let roots: Promise<readonly string[]> | undefined;
  const send = userFetch ?? ((input, init) => globalThis.fetch(input, init));
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const system = await (roots ??= import("node:tls").then((tls) => tls.rootCertificates));
    return send(input, { ...init, tls: { ca: [...system, ...ca] } } as RequestInit);
  });
}
