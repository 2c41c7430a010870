// Errors that must reach the caller as they are: no policy further out may retry them.
const finalErrors = new WeakSet<object>();

export function markFinal(error: unknown): void {
  if (error !== null && typeof error === "object") finalErrors.add(error);
}

export function isFinal(error: unknown): boolean {
  return error !== null && typeof error === "object" && finalErrors.has(error);
}
