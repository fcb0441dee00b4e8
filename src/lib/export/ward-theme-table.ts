import { countText, type ShownCount } from '$lib/domain/suppression';
import type { Theme } from '$lib/domain/theme';
import type { WardThemeCounts } from '$lib/domain/ward-summary';
import type { Cell } from './csv';
import { suppressedParts } from './suppressed';

/**
 * Conversations per ward and charter theme (issue 14), suppressed as every other view: one column
 * at a time, because wards do not overlap, so a column adds up to the network's total and a
 * hidden count must not be recoverable from it (`suppressedParts`); themes overlap, so a row has
 * no total to protect.
 */
export interface WardThemeTable {
  themes: readonly Theme[];
  threshold: number;
  wards: { ward: WardThemeCounts; conversations: ShownCount; themes: ShownCount[] }[];
  /** The network's totals: conversations, and conversations per theme. */
  totals: { conversations: ShownCount; themes: ShownCount[] };
}

export function wardThemeTable(wards: readonly WardThemeCounts[], themes: readonly Theme[], threshold: number): WardThemeTable {
  const conversations = suppressedParts(wards.map((w) => w.conversations), threshold);
  const perTheme = themes.map((theme) => suppressedParts(wards.map((w) => w.themeCounts[theme.id] ?? 0), threshold));
  return {
    themes,
    threshold,
    wards: wards.map((ward, w) => ({ ward, conversations: conversations.parts[w], themes: perTheme.map((column) => column.parts[w]) })),
    totals: { conversations: conversations.total, themes: perTheme.map((column) => column.total) }
  };
}

/** A shown count as a number (so a spreadsheet can add it up), a hidden one in words ("fewer than 10"). */
export const countCell = (count: ShownCount, threshold: number): Cell => (count.shown ? count.count : countText(count, threshold));

/** The table as a file's records (CSV or spreadsheet): a row per ward, then the network's totals. */
export function wardThemeRecords(table: WardThemeTable): { header: string[]; rows: Cell[][] } {
  const cell = (count: ShownCount) => countCell(count, table.threshold);
  const header = ['Ward code', 'Ward', 'Local authority code', 'Local authority', 'Conversations', ...table.themes.map((theme) => theme.name)];
  const rows = table.wards.map(({ ward, conversations, themes }) => [
    ward.code,
    ward.name,
    ward.localAuthorityCode,
    ward.localAuthorityName,
    cell(conversations),
    ...themes.map(cell)
  ]);
  return { header, rows: [...rows, ['', 'All wards', '', '', cell(table.totals.conversations), ...table.totals.themes.map(cell)]] };
}
