import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateErrorOf, dateFieldError, datePartsFrom, datePartsOf, readDateEntry, type DateParts } from '../../../src/lib/domain/date-entry';

const words = { label: 'Date', whenEmpty: 'Enter a date' };
const read = (day: string, month: string, year: string, w: Parameters<typeof readDateEntry>[1] = words) => readDateEntry({ day, month, year }, w);
const ok = (value: string | null) => ({ ok: true, value });
const wrong = (message: string, parts: string[]) => ({ ok: false, message, parts });

describe('readDateEntry', () => {
  it('reads day, month and year as an ISO date, padding single digits', () => {
    expect(read('27', '3', '2026')).toEqual(ok('2026-03-27'));
    expect(read('1', '1', '2000')).toEqual(ok('2000-01-01'));
    expect(read('31', '12', '2099')).toEqual(ok('2099-12-31'));
    expect(read('07', '03', '2026')).toEqual(ok('2026-03-07'));
    expect(read('007', '003', '2026')).toEqual(ok('2026-03-07'));
  });

  it('ignores spaces before, after and inside what was typed', () => {
    expect(read(' 27 ', '\t3', '20 26 ')).toEqual(ok('2026-03-27'));
    expect(read('2 7', ' 1 1', ' 2026\n')).toEqual(ok('2026-11-27'));
  });

  it.each([
    ['jan', 1],
    ['Jan', 1],
    ['JANUARY', 1],
    ['Feb.', 2],
    ['March', 3],
    ['mar', 3],
    ['sept', 9],
    ['Sep', 9],
    ['september', 9],
    ['dec', 12]
  ])('accepts the month written as %s, as GOV.UK does', (month, number) => {
    expect(read('1', month, '2026')).toEqual(ok(`2026-${String(number).padStart(2, '0')}-01`));
  });

  it('refuses month words that are no month, or too short to say which', () => {
    expect(read('1', 'ja', '2026')).toEqual(wrong('Date must be a real date', ['month']));
    expect(read('1', 'smarch', '2026')).toEqual(wrong('Date must be a real date', ['month']));
    expect(read('1', 'ma', '2026')).toEqual(wrong('Date must be a real date', ['month']));
  });

  it('knows leap years: 29 February only in a leap year, 2000 being one', () => {
    expect(read('29', '2', '2028')).toEqual(ok('2028-02-29'));
    expect(read('29', '2', '2000')).toEqual(ok('2000-02-29'));
    expect(read('29', '2', '2027')).toEqual(wrong('Date must be a real date', ['day', 'month', 'year']));
    expect(read('30', '2', '2028')).toEqual(wrong('Date must be a real date', ['day', 'month', 'year']));
  });

  it('says 31 April is not a real date, and highlights the whole date', () => {
    expect(read('31', '4', '2026')).toEqual(wrong('Date must be a real date', ['day', 'month', 'year']));
    expect(read('30', '4', '2026')).toEqual(ok('2026-04-30'));
    expect(read('0', '4', '2026')).toEqual(wrong('Date must be a real date', ['day', 'month', 'year']));
    expect(read('32', '1', '2026')).toEqual(wrong('Date must be a real date', ['day', 'month', 'year']));
  });

  it('names the box that holds something other than numbers', () => {
    expect(read('1st', '4', '2026')).toEqual(wrong('Date must be a real date', ['day']));
    expect(read('-1', '4', '2026')).toEqual(wrong('Date must be a real date', ['day']));
    expect(read('1', '13', '2026')).toEqual(wrong('Date must be a real date', ['month']));
    expect(read('1', '0', '2026')).toEqual(wrong('Date must be a real date', ['month']));
    expect(read('x', '4.5', '2026')).toEqual(wrong('Date must be a real date', ['day', 'month']));
  });

  it('says what is missing, naming only the empty boxes', () => {
    expect(read('27', '', '2026')).toEqual(wrong('Date must include a month', ['month']));
    expect(read('', '3', '2026')).toEqual(wrong('Date must include a day', ['day']));
    expect(read('27', '3', ' ')).toEqual(wrong('Date must include a year', ['year']));
    expect(read('', '', '2026')).toEqual(wrong('Date must include a day and month', ['day', 'month']));
    expect(read('27', '', '')).toEqual(wrong('Date must include a month and year', ['month', 'year']));
  });

  it('asks for a 4-number year', () => {
    expect(read('27', '3', '26')).toEqual(wrong('Year must include 4 numbers', ['year']));
    expect(read('27', '3', '20266')).toEqual(wrong('Year must include 4 numbers', ['year']));
    expect(read('27', '3', 'two')).toEqual(wrong('Year must include 4 numbers', ['year']));
    expect(read('27', '3', '26', { label: 'The “From” date', yearMessage: 'The year in “From” must include 4 numbers' })).toEqual(
      wrong('The year in “From” must include 4 numbers', ['year'])
    );
  });

  it('keeps to the years the app stores: 2000 to 2099', () => {
    const range = 'Date must be between 1 January 2000 and 31 December 2099';
    expect(read('31', '12', '1999')).toEqual(wrong(range, ['day', 'month', 'year']));
    expect(read('1', '1', '2100')).toEqual(wrong(range, ['day', 'month', 'year']));
    expect(read('1', '1', '0000')).toEqual(wrong(range, ['day', 'month', 'year']));
  });

  it('an empty date is asked for when required and no date when optional', () => {
    expect(read('', '', '')).toEqual(wrong('Enter a date', ['day', 'month', 'year']));
    expect(read(' ', '', '  ', { label: 'The “To” date' })).toEqual(ok(null));
  });

  it('uses the label it is given', () => {
    expect(read('31', '4', '2026', { label: 'The event’s date', whenEmpty: 'Enter the event’s date' })).toEqual(
      wrong('The event’s date must be a real date', ['day', 'month', 'year'])
    );
  });

  it('refuses what is far too long without reading it', () => {
    expect(read('1'.repeat(51), '1', '2026').ok).toBe(false);
  });

  it('gives back any date it was shown, and every date it reads is one it can show again', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        expect(readDateEntry(datePartsOf(iso), words)).toEqual(ok(iso));
      })
    );
    fc.assert(
      fc.property(fc.record({ day: fc.string({ maxLength: 4 }), month: fc.string({ maxLength: 6 }), year: fc.string({ maxLength: 5 }) }), (parts: DateParts) => {
        const result = readDateEntry(parts, words);
        if (result.ok && result.value) expect(readDateEntry(datePartsOf(result.value), words)).toEqual(result);
        if (!result.ok) expect(result.parts.length).toBeGreaterThan(0);
      })
    );
  });
});

describe('the form fields of a date', () => {
  it('reads the three boxes named after the date from a form or a query', () => {
    const params = new URLSearchParams('from-day=7&from-month=3&from-year=2026&to-day=1');
    expect(datePartsFrom(params, 'from')).toEqual({ day: '7', month: '3', year: '2026' });
    expect(datePartsFrom(params, 'to')).toEqual({ day: '1', month: '', year: '' });
  });

  it('shows a stored date in the boxes without leading zeros', () => {
    expect(datePartsOf('2026-03-07')).toEqual({ day: '7', month: '3', year: '2026' });
    expect(datePartsOf(undefined)).toEqual({ day: '', month: '', year: '' });
    expect(datePartsOf('07/03/2026')).toEqual({ day: '', month: '', year: '' });
  });

  it('links a problem to the first box to fix and finds it again by the date’s id', () => {
    const result = read('', '', '2026');
    if (result.ok) throw new Error('expected a problem');
    const error = dateFieldError('event-date', result);
    expect(error).toEqual({ field: 'event-date-day', message: 'Date must include a day and month', parts: ['day', 'month'] });
    expect(dateErrorOf([{ field: 'event-name', message: 'x' }, error], 'event-date')).toBe(error);
    expect(dateErrorOf([error], 'event')).toBeUndefined();
  });
});
