/**
 * When something happened, as a person in the UK would say it: "today at 10:42", "yesterday at
 * 16:05", "on Tuesday 24 November at 09:15". Days are calendar days in UK time, whatever the
 * device's own time zone, so 00:30 BST is "today" and 23:30 the evening before is "yesterday".
 */
import { madeOnFirstUse } from './made-on-first-use';

const UK = 'Europe/London';

const dayParts = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, year: 'numeric', month: 'numeric', day: 'numeric' }));
const time = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
const dayThisYear = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, weekday: 'long', day: 'numeric', month: 'long' }));
const dayOtherYear = madeOnFirstUse(() => new Intl.DateTimeFormat('en-GB', { timeZone: UK, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));

/** The UK calendar day of an instant, as a count of days since 1970 (for comparing days). */
function ukDayNumber(instant: Date): { day: number; year: number } {
  const parts = Object.fromEntries(dayParts().formatToParts(instant).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  return { day: Date.UTC(year, Number(parts.month) - 1, Number(parts.day)) / 86_400_000, year };
}

export function relativeUkTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const a = ukDayNumber(then);
  const b = ukDayNumber(now);
  const at = time().format(then);
  if (a.day === b.day) return `today at ${at}`;
  if (a.day === b.day - 1) return `yesterday at ${at}`;
  const day = (a.year === b.year ? dayThisYear : dayOtherYear)().format(then).replace(',', '');
  return `on ${day} at ${at}`;
}
