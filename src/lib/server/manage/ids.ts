import { Id } from '$lib/domain/id';

/**
 * An id from a form or a link, checked before it goes near SQL: the id, or null when it is not
 * one (so a mangled form or link is answered 400 with a message, never a database error).
 */
export function idFrom(value: FormDataEntryValue | string | null | undefined): string | null {
  const parsed = Id.safeParse(typeof value === 'string' ? value : '');
  return parsed.success ? parsed.data : null; // canonical (lower-case) or refused, never rewritten
}

/** A text field of a submitted form, '' when absent. */
export const textFrom = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};
