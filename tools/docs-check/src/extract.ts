export type BlockKind = "run" | "test" | "fragment";

/** One TypeScript block of a Markdown file, with what the docs check does with it. */
export interface DocBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the block's first code line. */
  line: number;
  code: string;
  /**
   * What the check does besides type-checking it: `run` it as a script (the default), run it as
   * a vitest `test` file, or nothing for a `fragment` (it needs real credentials or a context
   * it declares in its preamble).
   */
  kind: BlockKind;
  /** TypeScript put before the block, unseen by readers: the names a fragment takes as given. */
  preamble: string;
}

const FENCE_OPEN = /^```(ts|typescript)\s*$/;
const FENCE_CLOSE = /^```\s*$/;
// `<!-- docs: fragment` (or `test`, `run`) right before a block, optionally followed by preamble lines, then `-->`.
const DIRECTIVE = /^<!--\s*docs:\s*(fragment|test|run)\b(.*)$/;

/** The TypeScript blocks of one Markdown text, each with the directive right above it, if any. */
export function extractBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split("\n");
  const blocks: DocBlock[] = [];
  let pending: { kind: BlockKind; preamble: string[] } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!;
    const directive = DIRECTIVE.exec(text);
    if (directive) {
      const preamble: string[] = [];
      // A one-line directive closes on the same line; otherwise preamble lines follow until `-->`.
      if (!directive[2]!.trim().endsWith("-->")) {
        for (index++; index < lines.length && !lines[index]!.trim().startsWith("-->"); index++) preamble.push(lines[index]!);
      }
      pending = { kind: directive[1] as BlockKind, preamble };
      continue;
    }
    if (FENCE_OPEN.test(text)) {
      const start = index + 1;
      const code: string[] = [];
      for (index++; index < lines.length && !FENCE_CLOSE.test(lines[index]!); index++) code.push(lines[index]!);
      blocks.push({ file, line: start + 1, code: code.join("\n"), kind: pending?.kind ?? "run", preamble: pending?.preamble.join("\n") ?? "" });
      pending = undefined;
      continue;
    }
    // A directive applies only to the block right after it (blank lines allowed in between).
    if (text.trim() !== "") pending = undefined;
  }
  return blocks;
}
