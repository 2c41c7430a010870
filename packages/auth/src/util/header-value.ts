/**
 * Whether a value can go in an HTTP header as it is: fetch refuses NUL, CR and LF, and anything
 * beyond Latin-1, with a `TypeError` whose message quotes the value — a secret, here.
 */
export function isHeaderSafe(value: string): boolean {
  return !/[\0\r\n]|[^\0-\xff]/.test(value);
}
