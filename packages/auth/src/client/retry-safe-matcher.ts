/**
 * Matches requests against the operations a spec marks safe to retry, given as
 * `METHOD /path/{param}`. Path parameters match one segment.
 */
export function retrySafeMatcher(operations: readonly string[]): (method: string, url: URL) => boolean {
  const rules = operations.map((operation) => {
    const [method = "", path = ""] = operation.split(" ");
    const pattern = path
      .split("/")
      .map((segment) => (/^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    return { method: method.toUpperCase(), path: new RegExp(`^${pattern}$`) };
  });
  return (method, url) => rules.some((rule) => rule.method === method.toUpperCase() && rule.path.test(url.pathname));
}
