/**
 * A value made once and shared by every concurrent caller, until dropped. `drop(used)` drops it
 * only if `used` is still the current value, so many callers reporting the same stale value
 * cause one remake, not one each.
 */
export interface SingleFlight<T> {
  get(): Promise<T>;
  drop(used?: T): void;
  peek(): T | undefined;
}

export function createSingleFlight<T>(make: () => Promise<T>): SingleFlight<T> {
  let current: Promise<T> | undefined;
  let settled: T | undefined;
  return {
    get(): Promise<T> {
      if (!current) {
        const made = make().then(
          (value) => {
            if (current === made) settled = value;
            return value;
          },
          (error: unknown) => {
            if (current === made) current = undefined;
            throw error;
          },
        );
        current = made;
      }
      return current;
    },
    drop(used?: T): void {
      if (used !== undefined && settled !== used) return;
      current = undefined;
      settled = undefined;
    },
    peek(): T | undefined {
      return settled;
    },
  };
}
