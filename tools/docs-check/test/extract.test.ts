import { describe, expect, it } from "vitest";
import { extractBlocks } from "../src/extract.js";

describe("extractBlocks", () => {
  it("takes ts and typescript blocks, at the line of their first code line, to run by default", () => {
    const markdown = ["# Title", "", "```ts", "const a = 1;", "```", "", "```typescript", "const b = 2;", "```", "```sh", "echo no", "```"].join("\n");
    expect(extractBlocks("README.md", markdown)).toEqual([
      { file: "README.md", line: 4, code: "const a = 1;", kind: "run", preamble: "" },
      { file: "README.md", line: 8, code: "const b = 2;", kind: "run", preamble: "" },
    ]);
  });

  it("reads a one-line directive and a directive with preamble lines, for the next block only", () => {
    const markdown = [
      "<!-- docs: fragment (needs credentials) -->",
      "",
      "```ts",
      "use(clientId);",
      "```",
      "<!-- docs: fragment",
      "declare const clientId: string;",
      "declare function use(value: string): void;",
      "-->",
      "```ts",
      "use(clientId);",
      "```",
      "<!-- docs: test -->",
      "```ts",
      "it('works', () => {});",
      "```",
      "```ts",
      "after();",
      "```",
    ].join("\n");
    const blocks = extractBlocks("x.md", markdown);
    expect(blocks.map(({ kind, preamble }) => ({ kind, preamble }))).toEqual([
      { kind: "fragment", preamble: "" },
      { kind: "fragment", preamble: "declare const clientId: string;\ndeclare function use(value: string): void;" },
      { kind: "test", preamble: "" },
      { kind: "run", preamble: "" },
    ]);
  });

  it("drops a directive that prose separates from its block", () => {
    const blocks = extractBlocks("x.md", ["<!-- docs: fragment -->", "Some prose.", "```ts", "run();", "```"].join("\n"));
    expect(blocks[0]?.kind).toBe("run");
  });
});
