/**
 * How `secfetch` exits, by what went wrong: scripts branch on the kind of failure, not on the
 * wording of a message. The README's "Exit codes" table lists the same.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Something unexpected (a bug: please report it). */
  internal: 1,
  /** The command line or the configuration is wrong: an unknown vendor, path, method or parameter, a missing credential, a bad option. */
  usage: 2,
  /** The vendor refused the credentials or the sign-in (`AuthenticationError`). */
  authentication: 3,
  /** The API answered 4xx (not found, forbidden, invalid request). */
  client: 4,
  /** The API answered 5xx, or the connection failed (`NetworkError`). */
  server: 5,
  /** A request outlived its deadline (`TimeoutError`). */
  timeout: 6,
  /** Interrupted (Ctrl+C). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake on the command line or in the configuration: exit 2 with the message and a hint. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** An HTTP error answer of an API call: its status decides the exit code (4xx → 4, 5xx → 5). */
export class HttpStatusError extends Error {
  override name = "HttpStatusError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The exit code for a thrown error, by its kind (`name`: it holds across copies of the packages). */
export function exitCodeOf(error: unknown): ExitCode {
  const name = (error as { name?: unknown } | null)?.name;
  const status = (error as { status?: unknown } | null)?.status;
  switch (name) {
    case "UsageError":
    case "ConfigurationError":
    case "CommanderError":
      return EXIT.usage;
    case "AuthenticationError":
      return EXIT.authentication;
    case "TimeoutError":
      return EXIT.timeout;
    case "NetworkError":
      return EXIT.server;
    case "ApiError":
    case "HttpStatusError":
    case "JobFailedError":
      return typeof status === "number" && status >= 400 && status < 500 ? EXIT.client : EXIT.server;
    default:
      return EXIT.internal;
  }
}
