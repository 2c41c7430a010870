import type { ItemsText } from "../declaration/types.js";

/** The records of a text page (see `ItemsText`). */
export type TextItemsDecoder = (text: string) => Promise<Record<string, string>[]>;

type CsvParse = typeof import("csv-parse/sync").parse;
let csvParser: Promise<CsvParse> | undefined;

/**
 * The decoder for a declared text format. CSV goes through csv-parse (an optional peer
 * dependency of this package, a dependency of each vendor package whose spec declares CSV pages),
 * loaded on the first text page only: JSON walks and browser bundles never evaluate it, and
 * `#csv-parse` picks csv-parse's self-contained build where Node's Buffer is absent.
 */
export function textItemsDecoder(format: ItemsText): TextItemsDecoder {
  switch (format) {
    case "csv":
      return async (text) => {
        if (text.length === 0) return [];
        const parse = await (csvParser ??= import("#csv-parse").then((module: { parse: CsvParse }) => module.parse));
        // Strict: a row with more or fewer fields than the header is an error, not a guess; a
        // blank line between records is no record (blank lines inside quoted fields are kept).
        return parse<Record<string, string>>(text, { columns: true, bom: true, skip_empty_lines: true });
      };
  }
}
