export interface Row {
  package: string;
  version: string;
  tarballBytes: number;
  /** What `npm i <package>` puts on disk: the package and its dependencies. */
  installBytes?: number;
  dependencyCount?: number;
  /** "ok" or what failed. */
  result: string;
}

/** 1234567 → "1.2 MB"; decimal units, as npm prints sizes. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "—";
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

const HEADER = ["package", "version", "tarball", "install size", "dependencies", "result"];

/** A Markdown table (readable in a terminal, pasteable into an issue); a pipe in a message is escaped. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [
    row.package,
    row.version,
    formatBytes(row.tarballBytes),
    formatBytes(row.installBytes),
    row.dependencyCount === undefined ? "—" : String(row.dependencyCount),
    row.result.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " "),
  ]);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: readonly string[]) => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(HEADER), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}
