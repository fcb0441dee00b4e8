import type { Theme } from '$lib/domain/theme';
import type { Cell } from './csv';
import { monthInWords } from './report-view';
import { suppressedParts } from './suppressed';
import { countCell } from './ward-theme-table';

/**
 * Conversations per charter theme and UK month (issue 14), suppressed as the printed report
 * suppresses its months: a row's months add up to its total, so each row is one table
 * (`suppressedParts`: a hidden month cannot be worked out from the row's total). The first row
 * is every conversation, as the report's chart of months; themes overlap (a conversation
 * touches several), so rows add up to nothing and each row stands alone.
 */
export function themeMonthRecords(
  themes: readonly Pick<Theme, 'id' | 'name'>[],
  months: readonly { month: string; conversations: number }[],
  themeMonths: readonly { themeId: string; month: string; conversations: number }[],
  threshold: number
): { header: string[]; rows: Cell[][] } {
  const counts = new Map(themeMonths.map((t) => [`${t.themeId} ${t.month}`, t.conversations]));
  const row = (name: string, perMonth: number[]): Cell[] => {
    const { parts, total } = suppressedParts(perMonth, threshold);
    return [name, ...parts.map((part) => countCell(part, threshold)), countCell(total, threshold)];
  };
  return {
    header: ['Theme', ...months.map((m) => monthInWords(m.month)), 'All months'],
    rows: [
      row('All conversations', months.map((m) => m.conversations)),
      ...themes.map((theme) => row(theme.name, months.map((m) => counts.get(`${theme.id} ${m.month}`) ?? 0)))
    ]
  };
}
