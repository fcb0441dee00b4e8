import * as z from 'zod/mini';
import type { FieldError } from './field-error';
import { EARLIEST_INSTANT, LATEST_INSTANT } from './instant';
import { madeOnFirstUse } from './made-on-first-use';

/**
 * A date a person types as day, month and year (the GOV.UK "Date input" pattern, issue 12):
 * three boxes read the same in every browser and language, where `<input type="date">` shows
 * mm/dd/yyyy in an en-US browser and a fiddly picker on a phone. The words are GOV.UK's.
 */

export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];
/** What was typed in the three boxes, as typed. */
export type DateParts = Record<DatePart, string>;

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** The first and last days a person may type, as instant.ts bounds what the app stores. */
export const EARLIEST_DATE = EARLIEST_INSTANT.slice(0, 10);
const LATEST_EXCLUSIVE = LATEST_INSTANT.slice(0, 10);
export const LATEST_DATE = '2099-12-31';

/** Month names as GOV.UK accepts them: in full or shortened, in any case ("jan", "Sept", "March"). */
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const word = text.toLowerCase().replace(/\.$/, '');
  if (word.length < 3) return null;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(word) || (word === 'sept' && name === 'september'));
  return index === -1 ? null : index + 1;
}

export interface DateEntryWords {
  /** Starts a message: "Date", "The event’s date", "The “From” date". */
  label: string;
  /** When all three boxes are empty; absent, an empty date is no date (an optional filter). */
  whenEmpty?: string;
  /** When the year is not 4 numbers. */
  yearMessage?: string;
}

const longDate = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
/** '2026-11-24' as '24 November 2026'. */
export const formatLongDate = (isoDate: string) => longDate().format(new Date(`${isoDate}T00:00:00Z`));

const padded = (n: number, width: number) => String(n).padStart(width, '0');

/** Issues name the boxes to highlight (their path); every issue of one date has the same message. */
const problem = (ctx: { issues: unknown[] }, input: DateParts, message: string, parts: readonly DatePart[]) => {
  for (const part of parts) (ctx.issues as z.core.$ZodRawIssue[]).push({ code: 'custom', message, input, path: [part] });
};

/**
 * The schema for one date: three strings in, 'YYYY-MM-DD' (or null when optional and empty) out.
 * Spaces anywhere are ignored, leading zeros are fine, and a month may be a name.
 */
export const DateEntry = (words: DateEntryWords) =>
  z.pipe(
    z.object({ day: z.string().check(z.maxLength(50)), month: z.string().check(z.maxLength(50)), year: z.string().check(z.maxLength(50)) }),
    z.transform((input: DateParts, ctx): string | null => {
      const typed = { day: input.day.replace(/\s+/g, ''), month: input.month.replace(/\s+/g, ''), year: input.year.replace(/\s+/g, '') };
      const missing = DATE_PARTS.filter((part) => typed[part] === '');
      if (missing.length === 3) {
        if (words.whenEmpty === undefined) return null;
        problem(ctx, input, words.whenEmpty, DATE_PARTS);
        return z.NEVER;
      }
      if (missing.length > 0) {
        problem(ctx, input, `${words.label} must include a ${missing.join(' and ')}`, missing);
        return z.NEVER;
      }
      const day = /^\d+$/.test(typed.day) ? Number(typed.day) : null;
      const month = monthNumber(typed.month.replace(/^0+(?=\d)/, ''));
      if (!/^\d{4}$/.test(typed.year)) {
        problem(ctx, input, words.yearMessage ?? 'Year must include 4 numbers', ['year']);
        return z.NEVER;
      }
      const year = Number(typed.year);
      const wrong = [...(day === null ? ['day' as const] : []), ...(month === null || month < 1 || month > 12 ? ['month' as const] : [])];
      if (wrong.length > 0) {
        problem(ctx, input, `${words.label} must be a real date`, wrong);
        return z.NEVER;
      }
      const iso = `${padded(year, 4)}-${padded(month!, 2)}-${padded(day!, 2)}`;
      const date = new Date(`${iso}T00:00:00Z`);
      // 31 April and 29 February 2027 roll over into the next month: not real dates.
      if (day! < 1 || day! > 31 || Number.isNaN(date.getTime()) || date.getUTCDate() !== day || date.getUTCMonth() + 1 !== month) {
        problem(ctx, input, `${words.label} must be a real date`, DATE_PARTS);
        return z.NEVER;
      }
      if (iso < EARLIEST_DATE || iso >= LATEST_EXCLUSIVE) {
        problem(ctx, input, `${words.label} must be between ${formatLongDate(EARLIEST_DATE)} and ${formatLongDate(LATEST_DATE)}`, DATE_PARTS);
        return z.NEVER;
      }
      return iso;
    })
  );

export type DateEntryResult = { ok: true; value: string | null } | { ok: false; message: string; parts: DatePart[] };

/** Reads a typed date: the ISO date (null for an empty optional one), or what to fix and which boxes. */
export function readDateEntry(parts: DateParts, words: DateEntryWords): DateEntryResult {
  const parsed = DateEntry(words).safeParse(parts);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues;
  const partsWrong = DATE_PARTS.filter((part) => issues.some((issue) => issue.path[0] === part));
  return { ok: false, message: issues[0].message, parts: partsWrong.length > 0 ? partsWrong : [...DATE_PARTS] };
}

/** The boxes for an ISO date (to show a stored or shared date again): '2026-03-07' as 7, 3, 2026. */
export function datePartsOf(isoDate: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? '');
  return match ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] } : { ...EMPTY_DATE };
}

/** The names of a date's three form fields: `from` gives from-day, from-month and from-year. */
export const datePartNames = (name: string): Record<DatePart, string> => ({ day: `${name}-day`, month: `${name}-month`, year: `${name}-year` });

/** A date's three boxes from a submitted form or a URL's query. */
export function datePartsFrom(source: { get(name: string): unknown }, name: string): DateParts {
  const names = datePartNames(name);
  const read = (part: DatePart) => {
    const value = source.get(names[part]);
    return typeof value === 'string' ? value.slice(0, 50) : '';
  };
  return { day: read('day'), month: read('month'), year: read('year') };
}

/**
 * A typed date's problem for the error summary and the field: linked to the first box to fix
 * (`{id}-day`, `{id}-month` or `{id}-year`), naming every box to highlight.
 */
export function dateFieldError(id: string, result: Extract<DateEntryResult, { ok: false }>): FieldError {
  return { field: `${id}-${result.parts[0]}`, message: result.message, parts: result.parts };
}

/** The problem of the date whose boxes are `{id}-day`, `{id}-month`, `{id}-year`, if any. */
export const dateErrorOf = (errors: readonly FieldError[], id: string): FieldError | undefined =>
  errors.find((error) => DATE_PARTS.some((part) => error.field === `${id}-${part}`));
