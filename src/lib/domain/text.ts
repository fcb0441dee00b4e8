import * as z from 'zod/mini';

/**
 * The one text primitive of every schema that takes typed or uploaded text (issue 11). Text is
 * stored exactly as given; only what no database can keep is refused: a NUL character (PostgreSQL
 * text cannot hold it) or half of a surrogate pair (half an emoji, left by a broken copy and paste,
 * which JSON and UTF-8 cannot carry back to a device).
 */
export const BROKEN_TEXT_MESSAGE = 'Remove the hidden or broken character copied into this text';

export const isStorableText = (value: string): boolean => !value.includes('\u0000') && value.isWellFormed();

/** The check every text field carries, for schemas built from `z.string()` by hand. */
export const storableText = () => z.refine<string>(isStorableText, BROKEN_TEXT_MESSAGE);

/** Free text up to `max` characters, kept exactly as typed (no trimming). */
export function freeText(max: number, tooLong: string, ...checks: z.core.$ZodCheck<string>[]) {
  return z.string().check(z.maxLength(max, tooLong), storableText(), ...checks);
}

/**
 * A name or a line of settings text: trimmed, at most `max` characters, and not empty when
 * `empty` says what to write instead.
 */
export function trimmedText(max: number, tooLong: string, empty?: string) {
  return z.string().check(
    z.trim(),
    ...(empty === undefined ? [] : [z.minLength(1, empty)]),
    z.maxLength(max, tooLong),
    storableText()
  );
}
