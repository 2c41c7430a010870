import { EXIT, HttpStatusError, UsageError, type ExitCode } from "../exit-codes.js";
import { checkFormat, pickFields, recordsOf, renderCsv, renderTable, type Format } from "../output/format.js";
import { compileJq } from "../output/jq.js";
import type { Progress } from "../output/progress.js";
import type { Writer } from "../output/writer.js";
import type { CliClient } from "../tables/client-factory.js";
import type { OperationTable, VendorTable } from "../tables/types.js";
import type { CallInit } from "../request/build-request.js";
import { readCheckpoint, writeCheckpoint } from "./checkpoint-file.js";

export interface OutputFlags {
  readonly paginate?: boolean | undefined;
  readonly checkpoint?: string | undefined;
  readonly jq?: string | undefined;
  readonly fields?: string | undefined;
  readonly format?: string | undefined;
  /** `--max-pages`: stop after this many pages (a later run with the same checkpoint goes on from there). */
  readonly maxPages?: number | undefined;
}

interface Shaper {
  /** Records to print for one answer or one page's items. */
  shape(records: unknown[]): unknown[];
}

async function shaper(flags: OutputFlags): Promise<Shaper> {
  const fields = flags.fields?.split(",").map((field) => field.trim()).filter(Boolean);
  if (flags.jq !== undefined && fields) throw new UsageError("--jq and --fields do not go together: pick one.");
  if (flags.jq !== undefined) {
    const run = await compileJq(flags.jq);
    return { shape: (records) => records.flatMap((record) => run(record)) };
  }
  if (fields?.length) return { shape: (records) => records.map((record) => pickFields(record, fields)) };
  return { shape: (records) => records };
}

/** One line of output for a record: JSON on one line; a string from `--jq` as itself, as `jq -r` prints it. */
const line = (record: unknown, raw: boolean) => (raw && typeof record === "string" ? record : JSON.stringify(record)) + "\n";

/** Calls one operation once and prints its answer; an HTTP error answer prints its body and exits 4 or 5. */
export async function callOnce(client: CliClient, vendor: VendorTable, operation: OperationTable, init: CallInit, flags: OutputFlags, out: Writer, note: (text: string) => void): Promise<ExitCode> {
  const format = checkFormat(flags.format ?? "json");
  const shape = await shaper(flags);
  const verb = client[operation.method as "GET"];
  const { data, error, response } = await verb(operation.path, init as unknown as Record<string, unknown>);
  if (!response.ok) {
    if (error !== undefined && error !== "") await out.write(typeof error === "string" ? `${error}\n` : `${JSON.stringify(error, null, 2)}\n`);
    throw new HttpStatusError(`${vendor.name}: ${operation.method} ${operation.path} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${vendorMessage(error)}.`, response.status);
  }
  if (data === undefined || data === "") {
    // An answer without a body (201 Created, 204): say so where a person reads it, keep stdout empty.
    const location = response.headers.get("location");
    note(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}, no body${location ? `; Location: ${location}` : ""}`);
    return EXIT.ok;
  }
  const transformed = flags.jq !== undefined || flags.fields !== undefined;
  if (format === "table" || format === "csv" || (format === "jsonl" && !transformed)) {
    const records = shape.shape(recordsOf(data, operation.paged?.items));
    if (format === "table") await out.write(renderTable(records));
    else if (format === "csv") await out.write(renderCsv(records));
    else for (const record of records) await out.write(line(record, false));
    return EXIT.ok;
  }
  if (flags.jq !== undefined) {
    for (const record of shape.shape([data])) await out.write(line(record, true));
    return EXIT.ok;
  }
  const shaped = transformed ? shape.shape([data])[0] : data;
  await out.write(typeof shaped === "string" ? `${shaped}\n` : `${JSON.stringify(shaped, null, 2)}\n`);
  return EXIT.ok;
}

/**
 * Walks every page of a paged GET with the vendor's declared scheme (the client's `pages()`) and
 * prints each item as one JSON line as its page arrives. With `--checkpoint FILE`, the query that
 * resumes after a page is saved once that page's lines are written, and a later run with the same
 * file starts there.
 */
export async function walk(client: CliClient, vendor: VendorTable, operation: OperationTable, init: CallInit, flags: OutputFlags, out: Writer, progress: Progress, stderrNote: (text: string) => void): Promise<ExitCode> {
  if (!operation.paged) {
    const paged = vendor.operations.filter((op) => op.paged).map((op) => op.path);
    throw new UsageError(`${operation.method} ${operation.path} is not paged: --paginate walks only operations the spec marks as paged.`, `Paged operations of ${vendor.name}: ${paged.slice(0, 8).join(", ")}${paged.length > 8 ? ", …" : ""}.`);
  }
  const format: Format = checkFormat(flags.format ?? "jsonl");
  const shape = await shaper(flags);
  if (flags.checkpoint && format !== "jsonl") throw new UsageError("--checkpoint needs --format jsonl: only lines written page by page can be resumed.");
  const path = fillPath(operation.path, init.params.path);
  let pages = 0;
  let items = 0;
  if (flags.checkpoint) {
    const saved = await readCheckpoint(flags.checkpoint, vendor.name, path);
    if (saved && saved.query === null) {
      stderrNote(`${flags.checkpoint}: this walk already reached its end (${saved.items} items); delete the file to walk again.`);
      return EXIT.ok;
    }
    if (saved?.query) {
      init.params.query = saved.query as CallInit["params"]["query"];
      pages = saved.pages;
      items = saved.items;
      stderrNote(`resuming from ${flags.checkpoint} after ${saved.pages} pages, ${saved.items} items`);
    }
  }
  const collected: unknown[] = [];
  let read = 0;
  const rawStrings = flags.jq !== undefined;
  for await (const page of client.pages(operation.path, init as unknown as Record<string, unknown>)) {
    const records = shape.shape(page.items);
    if (format === "jsonl") {
      let chunk = "";
      for (const record of records) chunk += line(record, rawStrings);
      progress.hide();
      await out.write(chunk);
    } else collected.push(...records);
    pages++;
    items += page.items.length;
    progress.page(page.items.length);
    if (flags.checkpoint && format === "jsonl") {
      await writeCheckpoint(flags.checkpoint, { secfetch: 1, vendor: vendor.name, path, query: page.checkpoint, pages, items, updated: new Date().toISOString() });
    }
    if (out.closed || (flags.maxPages !== undefined && ++read >= flags.maxPages)) break;
  }
  if (format === "json") await out.write(`${JSON.stringify(collected, null, 2)}\n`);
  else if (format === "table") await out.write(renderTable(collected));
  else if (format === "csv") await out.write(renderCsv(collected));
  progress.stop(`${pages} page${pages === 1 ? "" : "s"}, ${items} item${items === 1 ? "" : "s"}`);
  return EXIT.ok;
}

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? `{${name}}`));
}

/** The vendor's own words from an error body (`message`, `error_description`, `error`), short. */
function vendorMessage(error: unknown): string {
  if (error === null || typeof error !== "object") return "";
  const body = error as Record<string, unknown>;
  for (const key of ["message", "error_description", "detail", "error", "title"]) {
    const value = body[key];
    if (typeof value === "string" && value.trim()) return `: ${value.trim().slice(0, 200)}`;
  }
  return "";
}
