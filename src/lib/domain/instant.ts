import * as z from 'zod/mini';

/**
 * The instants the app records, and the one form they travel in (issue 11). The range is static
 * in the schema every device parses pulls with, so what the server stored it can always send
 * back; a push is also checked against the server's clock (`notInFuture`), only where it is
 * received, so a tablet whose clock is behind still reads everything it pulls.
 */
export const EARLIEST_INSTANT = '2000-01-01T00:00:00Z';
export const LATEST_INSTANT = '2100-01-01T00:00:00Z';
/** A device's clock may run this far ahead of the server's before its dates are refused. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

const earliest = Date.parse(EARLIEST_INSTANT);
const latest = Date.parse(LATEST_INSTANT);

/** ISO 8601 with seconds, at most milliseconds, and Z or an offset of at most ±14:00 (the Earth's widest). */
const FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$/;
const FORM_MESSAGE = 'A date and time must look like 2026-11-20T10:30:00Z, with a time zone offset of at most 14 hours';

/** A device records `new Date()`: a date before 2000 means its clock was reset (a flat battery). */
export const PAST_DATE_MESSAGE = 'This is dated before 2000: the tablet’s clock looks wrong. Set the tablet’s date and time, then save the conversation again.';

export const Instant = z.iso.datetime({ offset: true, error: FORM_MESSAGE }).check(
  z.regex(FORM, FORM_MESSAGE),
  z.refine((value) => !FORM.test(value) || Date.parse(value) >= earliest, PAST_DATE_MESSAGE),
  z.refine((value) => !FORM.test(value) || Date.parse(value) <= latest, 'A date must be before 2100')
);

/** Refused when the device's clock is ahead of the server's by more than a day. */
export const FUTURE_DATE_MESSAGE =
  'This is dated in the future: the tablet’s clock looks wrong. Set the tablet’s date and time, then save the conversation again.';

export const notInFuture = (value: string, now: number): boolean => Date.parse(value) <= now + CLOCK_SKEW_MS;

/** A calendar day (an event's date, a filter's), in the same range; `message` says what to enter. */
export const CalendarDate = (message: string) =>
  z.iso
    .date(message)
    .check(z.refine((value) => value >= EARLIEST_INSTANT.slice(0, 10) && value < LATEST_INSTANT.slice(0, 10), 'A date must be between 2000 and 2100'));
