/** A whole-number emulator option at least `min`; anything else is a `TypeError` naming it. */
export function count(name: string, value: number, min = 0): number {
  if (!Number.isSafeInteger(value) || value < min) throw new TypeError(`${name} must be an integer >= ${min}`);
  return value;
}
