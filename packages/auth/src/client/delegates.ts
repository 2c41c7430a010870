import { readPointer } from "../declaration/template.js";
import type { DelegatesDeclaration } from "../declaration/types.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { Identity } from "../flows/discovery-step.js";
import { isHeaderSafe } from "../util/header-value.js";

/** How a caller walks the delegates list. */
export interface DelegateListOptions {
  /** Items per page. Default: the declaration's `pageSize.default`. */
  pageSize?: number | undefined;
  /** Stops the walk. */
  signal?: AbortSignal | undefined;
}

export interface DelegatesOptions<Client> {
  declaration: DelegatesDeclaration;
  identity: () => Promise<Identity>;
  paginate: (path: string, init: Record<string, unknown>) => AsyncIterable<unknown>;
  derive: (identity: { baseUrl: string; headers: Record<string, string> }) => Client;
  source: string;
}

/**
 * The declared delegates of a principal: `list()` walks the list its kind has (a partner's
 * tenants), `clientFor(item)` gives the client that acts for one listed item — made once per
 * id and host, so a collector asking again each run gets the same client and no new sign-in.
 * `clientFor` answers `undefined` for an item with no host yet (not provisioned): the vendor
 * layer says what that means in its own words.
 */
export function createDelegates<Client>(options: DelegatesOptions<Client>) {
  const { declaration, source } = options;
  const made = new Map<string, { host: string; client: Client }>();

  async function* list(listOptions: DelegateListOptions = {}): AsyncGenerator<unknown, void, undefined> {
    const identity = await options.identity();
    const path = declaration.list[identity.kind];
    if (path === undefined) {
      const kinds = Object.keys(declaration.list);
      throw new ConfigurationError(
        `${source}: only a ${kinds.join(" or ")} credential lists the identities it acts for, and this is a ${identity.kind} credential.`,
        { hint: `A ${identity.kind} credential calls its own data already: use this client's calls directly.` },
      );
    }
    const size = declaration.pageSize;
    const query = { ...declaration.query, ...(size ? { [size.param]: listOptions.pageSize ?? size.default } : {}) };
    yield* options.paginate(path, { params: { query }, ...(listOptions.signal ? { signal: listOptions.signal } : {}) });
  }

  function clientFor(item: unknown): Client | undefined {
    const id = readPointer(item, declaration.id);
    if (typeof id !== "string" || id.length === 0) {
      throw new ConfigurationError(`${source}: the item passed has no id (at ${declaration.id}).`, {
        option: "item",
        hint: "Pass an item as the list returned it.",
      });
    }
    const raw = readPointer(item, declaration.baseUrl);
    if (raw === undefined || raw === null || raw === "") return undefined;
    const host = hostRoot(raw, id);
    const cached = made.get(id);
    if (cached?.host === host) return cached.client;
    const headers: Record<string, string> = {};
    for (const [name, pointer] of Object.entries(declaration.headers)) {
      const value = readPointer(item, pointer);
      if ((typeof value !== "string" && typeof value !== "number") || !isHeaderSafe(String(value))) {
        throw new ConfigurationError(`${source}: item ${id} has no usable value for ${name} (at ${pointer}).`, {
          option: "item",
          hint: "Pass an item as the list returned it.",
        });
      }
      headers[name] = String(value);
    }
    const client = options.derive({ baseUrl: host, headers });
    // Keyed by id, holding the host it was made for: the same id with another host (a changed or
    // tampered item) gets a client of its own, after its own trust check.
    made.set(id, { host, client });
    return client;
  }

  // The host root only: a path or query smuggled into the value never reaches a request URL.
  function hostRoot(raw: unknown, id: string): string {
    let url: URL | undefined;
    try {
      url = typeof raw === "string" ? new URL(raw) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      throw new ConfigurationError(`${source}: item ${id} has a host (at ${declaration.baseUrl}) that is not an http(s) URL.`, {
        option: "item",
        hint: "Pass an item as the list returned it.",
      });
    }
    return url.origin;
  }

  return { list, clientFor };
}
