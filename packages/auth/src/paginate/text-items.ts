import type { ItemsText } from "../declaration/types.js";

/** The records of a text page (see `ItemsText`). */
export type TextItemsDecoder = (text: string) => Promise<Record<string, string>[]>;

/** csv-parse's synchronous `parse`, as `csv-parse/sync` (or its browser build) exports it. */
export type CsvParse = (input: string, options: { columns: true; bom: true; skip_empty_lines: true }) => Record<string, string>[];

/**
 * The decoder for CSV pages, on a csv-parse the vendor package brings: the generated code of a
 * spec that declares `itemsText: csv` passes `() => import("#csv-parse")` from its own package
 * (so no other package, and no bundle of another vendor, ever has to resolve csv-parse), and it
 * is loaded on the first text page only.
 */
export function csvTextItems(load: () => Promise<{ parse: CsvParse }>): TextItemsDecoder {
  let parser: Promise<CsvParse> | undefined;
  return async (text) => {
    if (text.length === 0) return [];
    const parse = await (parser ??= load().then((module) => module.parse));
    // Strict: a row with more or fewer fields than the header is an error, not a guess; a blank
    // line between records is no record (blank lines inside quoted fields are kept).
    return parse(text, { columns: true, bom: true, skip_empty_lines: true });
  };
}

/** Decoders by declared text format, as generated code hands them to the engine. */
export type TextItemsDecoders = { readonly [F in ItemsText]?: TextItemsDecoder };
