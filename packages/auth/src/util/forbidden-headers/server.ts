/** Node, Bun, Deno and workerd: a script may send any header, `Cookie` included. */
export function isForbiddenRequestHeader(_name: string): boolean {
  return false;
}
