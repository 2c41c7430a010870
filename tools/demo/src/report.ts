import { inspect } from "node:util";

/**
 * Prints the demo's story: one section per vendor, one line per step. A step whose claims do not
 * all hold is a ✗ line with what was expected and what happened; the demo counts those and fails
 * at the end. Every line is scrubbed of the secrets the vendors register, so a client that leaks
 * one cannot make the demo print it.
 */
export interface Report {
  section(title: string, detail?: string): void;
  ok(line: string): void;
  /** A step that ran but whose claims did not all hold: its line, then each claim that failed. */
  wrong(line: string, problems: readonly string[]): void;
  /** A step that threw (and any claim that had already failed). */
  fail(line: string, error: unknown, problems?: readonly string[]): void;
  /** Values never to print (credentials, tokens): they are replaced by `[redacted]` in every line. */
  secret(...values: ReadonlyArray<string | undefined>): void;
  readonly failures: number;
  /** The title of the section being printed. */
  readonly currentSection: string;
  /** The sections with a failed step, in order. */
  readonly failedSections: readonly string[];
}

const REDACTED = "[redacted]";
/** Credentials in header form, whoever's they are (`Bearer <token>`, the demo's own wording, stays). */
const AUTHORIZATION = /\b(Bearer|Basic)(:?\s+)(?!<token>)[A-Za-z0-9._~+/=-]{16,}/gi;

export function createReport(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Report {
  let failures = 0;
  let current = "";
  const failedSections: string[] = [];
  const secrets = new Set<string>();
  const scrub = (text: string) => {
    let clean = text;
    // Longest first, so a secret containing another is hidden whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) clean = clean.split(secret).join(REDACTED);
    return clean.replace(AUTHORIZATION, `$1$2${REDACTED}`);
  };
  const print = (line: string) => write(scrub(line));
  const failed = () => {
    failures++;
    if (failedSections.at(-1) !== current) failedSections.push(current);
  };
  const problemLines = (problems: readonly string[]) => {
    for (const problem of problems) print(`      ✗ ${problem}`);
  };
  return {
    section(title, detail) {
      current = title;
      print("");
      print(`▸ ${title}${detail ? `  (${detail})` : ""}`);
    },
    ok(line) {
      print(`  ✓ ${line}`);
    },
    wrong(line, problems) {
      failed();
      print(`  ✗ ${line}`);
      problemLines(problems);
    },
    fail(line, error, problems = []) {
      failed();
      print(`  ✗ ${line}: ${describe(error)}`);
      problemLines(problems);
    },
    secret(...values) {
      // Very short values would blank ordinary words; the demo's credentials are all long.
      for (const value of values) if (value && value.length >= 6) secrets.add(value);
    },
    get failures() {
      return failures;
    },
    get currentSection() {
      return current;
    },
    get failedSections() {
      return failedSections;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The claims one printed line makes, checked against what was observed. Each failed claim says
 * what was expected and what happened, without ever quoting a secret.
 */
export class Claims {
  readonly #problems: string[] = [];

  get problems(): readonly string[] {
    return this.#problems;
  }

  /** `what` was `actual` and the line says (or needs) `expected`: "token requests: expected 1, got 2". */
  equal<T>(what: string, actual: T, expected: T): void {
    if (!Object.is(actual, expected)) this.#problems.push(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }

  /** `expected` describes what should hold; `observed`, what happened instead. */
  that(holds: boolean, expected: string, observed: string): void {
    if (!holds) this.#problems.push(`expected ${expected}, but ${observed}`);
  }

  /** The `what` (e.g. "the wrong secret") must not appear anywhere in `error`: message, JSON, inspect output, stack. */
  noLeak(error: unknown, secret: string, what: string): boolean {
    const leaked = leaks(error, secret);
    this.that(!leaked, `${what} to stay out of the error`, `it appears in the error's ${leaked}`);
    return !leaked;
  }
}

/** Where `secret` shows in `error`, or `false`. */
function leaks(error: unknown, secret: string): string | false {
  const forms: Array<[string, () => string]> = [
    ["message", () => (error instanceof Error ? error.message : String(error))],
    ["JSON", () => JSON.stringify(error) ?? ""],
    ["inspect output", () => inspect(error, { depth: 10 })],
    ["stack", () => (error instanceof Error ? String(error.stack) : "")],
  ];
  const found = forms.filter(([, text]) => text().includes(secret)).map(([name]) => name);
  return found.length > 0 ? found.join(", ") : false;
}

function show(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

/** Prints one line with the verdict of its claims. */
export function verdict(report: Report, line: string, claims: Claims): void {
  if (claims.problems.length > 0) report.wrong(line, claims.problems);
  else report.ok(line);
}

/**
 * Runs one step and reports its outcome: ✓ when it returns and every claim holds, ✗ when a claim
 * fails or it throws. The demo goes on after a failed step.
 */
export async function step(report: Report, label: string, run: (claims: Claims) => Promise<string>): Promise<void> {
  const claims = new Claims();
  let line: string;
  try {
    line = await run(claims);
  } catch (error) {
    report.fail(label, error, claims.problems);
    return;
  }
  verdict(report, line, claims);
}
