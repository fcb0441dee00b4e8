/** A problem with one form field: `field` is the id of the control the error summary links to. */
export interface FieldError {
  field: string;
  message: string;
  /** For a date typed in three boxes: the boxes to highlight (`field` is the first of them). */
  parts?: readonly ('day' | 'month' | 'year')[];
}

/** Checked input: the value to use, or the problems to show, each naming its field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * The first problem of each field, from zod's issues; `fieldOf` names the control for an issue's
 * path (the first named one when it names none).
 */
export function fieldErrorsFromIssues(
  issues: readonly { path: PropertyKey[]; message: string }[],
  fieldOf: (path: PropertyKey[]) => string
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
  }
  return errors;
}

/** The message for a field, if it has one. */
export const messageFor = (errors: readonly FieldError[], field: string): string | undefined => errors.find((e) => e.field === field)?.message;

/** A control's aria-describedby: its hint, then its error when it has one (GOV.UK's order). */
export const describedByOf = (errors: readonly FieldError[], field: string, hint?: string): string | undefined =>
  [hint, messageFor(errors, field) ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
