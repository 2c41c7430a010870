/** Path parameters captured by a route pattern such as `/items/{id}`, already percent-decoded. */
export type PathParams = Readonly<Record<string, string>>;

/** One registered route. `key` (`"GET /items/{id}"`) names it in request logs and counters. */
export interface Route<H> {
  readonly method: string;
  readonly pattern: string;
  readonly key: string;
  readonly handler: H;
}

/** The outcome of {@link Router.match}. */
export type RouteMatch<H> =
  | { kind: "found"; route: Route<H>; params: PathParams }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

interface CompiledRoute<H> extends Route<H> {
  readonly segments: readonly Segment[];
  /** How many segments are literal: the more specific route wins. */
  readonly literals: number;
}

type Segment = { literal: string } | { param: string };

/**
 * A tiny method + path router. Patterns are literal segments and `{name}` parameters, matched
 * exactly: no trailing-slash folding, no case folding, no wildcard. A path that matches some
 * route but not with this method is "method not allowed" (405, with the allowed methods);
 * anything else is "not found" (404).
 */
export class Router<H> {
  readonly #routes: CompiledRoute<H>[] = [];

  /** Registers `handler` for `method` (upper case) and `pattern`. Returns the router. */
  add(method: string, pattern: string, handler: H): this {
    if (!pattern.startsWith("/")) throw new Error(`Route pattern must start with "/": ${pattern}`);
    const segments = pattern
      .slice(1)
      .split("/")
      .map((part): Segment => {
        const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part)?.[1];
        return param === undefined ? { literal: part } : { param };
      });
    const upper = method.toUpperCase();
    const literals = segments.filter((segment) => "literal" in segment).length;
    this.#routes.push({ method: upper, pattern, key: `${upper} ${pattern}`, handler, segments, literals });
    return this;
  }

  /** Every registered route, in registration order. */
  get routes(): readonly Route<H>[] {
    return this.#routes;
  }

  /**
   * Finds the route for `method` and `pathname` (the path without its query). Where a literal
   * segment and a parameter both match (`/roles/permission-sets` and `/roles/{roleId}`), the
   * route with more literal segments wins, as in every OpenAPI router.
   */
  match(method: string, pathname: string): RouteMatch<H> {
    const parts = pathname.slice(1).split("/");
    const matches = this.#routes.flatMap((route) => {
      const params = matchSegments(route.segments, parts);
      return params ? [{ route, params, literals: route.literals }] : [];
    });
    const most = Math.max(-1, ...matches.map((match) => match.literals));
    const best = matches.filter((match) => match.literals === most);
    const found = best.find((match) => match.route.method === method);
    if (found) return { kind: "found", route: found.route, params: found.params };
    const allow = [...new Set(best.map((match) => match.route.method))];
    return allow.length > 0 ? { kind: "method-not-allowed", allow } : { kind: "not-found" };
  }

}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): PathParams | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if ("literal" in segment) {
      if (segment.literal !== part) return null;
      continue;
    }
    if (part === "") return null;
    try {
      params[segment.param] = decodeURIComponent(part);
    } catch {
      return null;
    }
  }
  return params;
}
