/**
 * Matches requests against operations given as `METHOD /path/{param}` (those a spec marks safe
 * to retry, or exempt from re-authentication). Path parameters match one segment.
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
