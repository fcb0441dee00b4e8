import { describe, expect, test } from 'vitest';
import { relativeUkTime } from '../../../src/lib/domain/relative-time';

describe('relativeUkTime', () => {
  test('the same UK day is today, with the UK clock time', () => {
    expect(relativeUkTime('2026-11-24T10:42:00Z', new Date('2026-11-24T17:00:00Z'))).toBe('today at 10:42');
  });

  test('the UK day before is yesterday', () => {
    expect(relativeUkTime('2026-11-23T16:05:00Z', new Date('2026-11-24T08:00:00Z'))).toBe('yesterday at 16:05');
  });

  test('days are UK calendar days in summer time, not UTC days', () => {
    // 23:30 UTC on 1 July is 00:30 BST on 2 July: the same UK day as 08:00 BST on 2 July.
    expect(relativeUkTime('2026-07-01T23:30:00Z', new Date('2026-07-02T07:00:00Z'))).toBe('today at 00:30');
    // 22:30 UTC on 1 July is 23:30 BST on 1 July: yesterday, seen just after midnight BST.
    expect(relativeUkTime('2026-07-01T22:30:00Z', new Date('2026-07-01T23:10:00Z'))).toBe('yesterday at 23:30');
  });

  test('a change just before midnight is yesterday a few minutes later', () => {
    expect(relativeUkTime('2026-11-24T23:59:00Z', new Date('2026-11-25T00:01:00Z'))).toBe('yesterday at 23:59');
  });

  test('older days are named with weekday, day and month', () => {
    expect(relativeUkTime('2026-11-24T09:15:00Z', new Date('2026-11-27T12:00:00Z'))).toBe('on Tuesday 24 November at 09:15');
  });

  test('a day in another year says the year', () => {
    expect(relativeUkTime('2025-12-30T14:00:00Z', new Date('2026-01-02T12:00:00Z'))).toBe('on Tuesday 30 December 2025 at 14:00');
  });

  test('across the change back to GMT, yesterday is still the UK day before', () => {
    // 25 October 2026: clocks go back at 02:00 BST. 00:30 BST on the 25th is 23:30 UTC on the 24th.
    expect(relativeUkTime('2026-10-24T23:30:00Z', new Date('2026-10-26T00:30:00Z'))).toBe('yesterday at 00:30');
  });
});
