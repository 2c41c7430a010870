/**
 * Writes records as one CSV document the way Python's `csv.DictWriter` does by default (the
 * service is written in Python): a header row, then one row per record; a field is quoted when it
 * holds a comma, a double quote, CR or LF, and quotes inside are doubled (RFC 4180); rows end in
 * CRLF. Columns are the records' keys in alphabetical order. No records → `""`.
 */
export function toCsv(records: ReadonlyArray<Readonly<Record<string, string>>>): string {
  if (records.length === 0) return "";
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))].sort();
  const rows = [columns.map(quote).join(",")];
  for (const record of records) rows.push(columns.map((column) => quote(record[column] ?? "")).join(","));
  return rows.map((row) => `${row}\r\n`).join("");
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
