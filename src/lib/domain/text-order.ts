/**
 * Orders names as an English reader expects (case and accents aside). One collator, made once:
 * `a.localeCompare(b, 'en-GB')` builds a collator per call, which sorting England's 6,826 wards
 * turns into about half a second.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator('en-GB').compare;
