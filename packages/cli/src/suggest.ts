/** Edit distance (Levenshtein) between two strings, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidates closest to `input` (at most `limit`), nearest first; a candidate containing the input ranks first. */
export function closest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored = [...new Set(candidates)].map((candidate) => {
    const lower = candidate.toLowerCase();
    const score = lower.includes(needle) || needle.includes(lower) ? Math.abs(lower.length - needle.length) / 100 : distance(needle, lower);
    return { candidate, score };
  });
  const cutoff = Math.max(3, Math.floor(needle.length / 2));
  return scored
    .filter((entry) => entry.score < cutoff)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

/** ` Did you mean X or Y?`, or nothing. */
export function didYouMean(input: string, candidates: Iterable<string>, limit = 3): string {
  const near = closest(input, candidates, limit);
  if (near.length === 0) return "";
  return ` Did you mean ${near.length === 1 ? near[0]! : `${near.slice(0, -1).join(", ")} or ${near.at(-1)!}`}?`;
}
