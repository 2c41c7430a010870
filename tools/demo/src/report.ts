/** Prints the demo's story: one section per vendor, one line per step. */
export interface Report {
  section(title: string, detail?: string): void;
  ok(line: string): void;
  fail(line: string, error: unknown): void;
  readonly failures: number;
}

export function createReport(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Report {
  let failures = 0;
  return {
    section(title, detail) {
      write("");
      write(`▸ ${title}${detail ? `  (${detail})` : ""}`);
    },
    ok(line) {
      write(`  ✓ ${line}`);
    },
    fail(line, error) {
      failures++;
      write(`  ✗ ${line}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    },
    get failures() {
      return failures;
    },
  };
}

/** Runs one step, reporting its outcome; the demo goes on after a failed step. */
export async function step(report: Report, label: string, run: () => Promise<string>): Promise<void> {
  try {
    report.ok(await run());
  } catch (error) {
    report.fail(label, error);
  }
}
