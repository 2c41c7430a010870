import { UsageError } from "../exit-codes.js";

export const FORMATS = ["json", "jsonl", "table", "csv"] as const;
export type Format = (typeof FORMATS)[number];

/** Picks dotted paths (`id,hostname,os.name`) out of each record: `--fields`. */
export function pickFields(record: unknown, fields: readonly string[]): unknown {
  if (record === null || typeof record !== "object") return record;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    let value: unknown = record;
    for (const key of field.split(".")) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    out[field] = value;
  }
  return out;
}

/** Rows as one aligned text table: columns from the records' keys, nested values as JSON. */
export function renderTable(rows: readonly unknown[]): string {
  if (rows.length === 0) return "";
  const columns = columnsOf(rows);
  if (columns.length === 0) return rows.map((row) => cell(row)).join("\n") + "\n";
  const cells = rows.map((row) => columns.map((column) => truncate(cell((row as Record<string, unknown>)[column]), 60)));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index]!.length)));
  const line = (values: readonly string[]) => values.map((value, index) => value.padEnd(widths[index]!)).join("  ").trimEnd();
  return [line(columns.map((column) => column.toUpperCase())), ...cells.map(line)].join("\n") + "\n";
}

/** Rows as CSV (RFC 4180): a header row, then one row per record. */
export function renderCsv(rows: readonly unknown[]): string {
  if (rows.length === 0) return "";
  const columns = columnsOf(rows);
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  if (columns.length === 0) return rows.map((row) => quote(cell(row))).join("\r\n") + "\r\n";
  return [columns.map(quote).join(","), ...rows.map((row) => columns.map((column) => quote(cell((row as Record<string, unknown>)[column]))).join(","))].join("\r\n") + "\r\n";
}

function columnsOf(rows: readonly unknown[]): string[] {
  const columns = new Set<string>();
  for (const row of rows.slice(0, 200)) {
    if (row !== null && typeof row === "object" && !Array.isArray(row)) for (const key of Object.keys(row)) columns.add(key);
  }
  return [...columns];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

const truncate = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** The records a table or CSV shows for one answer: its list (at the paged items pointer, or the answer itself). */
export function recordsOf(data: unknown, itemsPointer: string | undefined): unknown[] {
  if (Array.isArray(data)) return data;
  if (itemsPointer && data !== null && typeof data === "object") {
    let value: unknown = data;
    for (const key of itemsPointer.split("/").slice(1)) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    if (Array.isArray(value)) return value;
  }
  return [data];
}

export function checkFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format takes ${FORMATS.join(", ")}, not "${value}".`);
}
