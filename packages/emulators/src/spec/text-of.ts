/** A JSON value as text: strings as they are, anything else as JSON, nothing as "". */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
