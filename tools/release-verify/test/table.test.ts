import { describe, expect, it } from "vitest";
import { formatBytes, formatTable } from "../src/table.js";

describe("formatBytes", () => {
  it("uses decimal units, as npm does", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(29_500)).toBe("29.5 kB");
    expect(formatBytes(1_234_567)).toBe("1.2 MB");
    expect(formatBytes(undefined)).toBe("—");
  });
});

describe("formatTable", () => {
  it("aligns the columns and keeps a failure on its row", () => {
    const table = formatTable([
      { package: "@secfetch/auth", version: "0.2.0", tarballBytes: 191_700, result: "ok" },
      { package: "@secfetch/sophos-central", version: "0.2.0", tarballBytes: 133_700, installBytes: 2_100_000, dependencyCount: 4, result: "types (node16): error TS2307 | x\nsecond line" },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\| package +\| version \| tarball +\| install size \| dependencies \| result +\|$/);
    expect(lines[2]).toContain("| —            | —            | ok");
    // A pipe in a message would split the cell; a newline would end the row.
    expect(lines[3]).toContain("| 2.1 MB       | 4            | types (node16): error TS2307 \\| x second line");
  });
});
