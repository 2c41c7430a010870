import type { Comparison } from "./harness/interleave.js";

/** One line of the scoreboard: a figure, its goal, and whether it was met. */
export interface Row {
  scenario: string;
  figure: string;
  goal: string;
  met: boolean | undefined;
  /** Said plainly when the goal is missed. */
  note?: string;
}

export const ratio = (comparison: Comparison) =>
  `${comparison.ratio.toFixed(3)}× (spread ${comparison.spread[0].toFixed(2)}–${comparison.spread[1].toFixed(2)}; ${comparison.extraMicroseconds.toFixed(0)} µs/op extra)`;

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** The table as Markdown, for the terminal and the README alike. */
export function table(rows: readonly Row[]): string {
  const lines = ["| scenario | figure | goal | met |", "| --- | --- | --- | --- |"];
  for (const row of rows) {
    const met = row.met === undefined ? "—" : row.met ? "yes" : `**no**${row.note ? ` — ${row.note}` : ""}`;
    lines.push(`| ${row.scenario} | ${row.figure} | ${row.goal} | ${met} |`);
  }
  return lines.join("\n");
}
