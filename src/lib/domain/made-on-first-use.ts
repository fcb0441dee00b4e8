/**
 * A value made the first time it is asked for. For Intl's formatters: building the first one
 * loads the locale's data, about 50 ms at the start of a page on a slow phone, where a module
 * that made them at once put it in the way of the first screen.
 */
export function madeOnFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
