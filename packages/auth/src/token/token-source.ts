/** What every vendor client exposes as `client.auth`. */
export interface TokenSource {
  /** A valid access token: the cached one, or a fresh one when it is missing or about to lapse. */
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * Drops the cached token so the next call signs in again. Given the token a request was sent
   * with, drops it only if it is still the current one: many requests that fail together with
   * the same old token then cause one new sign-in, not one each.
   */
  invalidate(token?: string): Promise<void>;
}
