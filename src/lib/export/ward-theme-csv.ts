import type { ShownCount } from '$lib/domain/suppression';
import { csvRecords, UTF8_BOM } from './csv';
import type { WardThemeTable } from './ward-theme-table';

/** The ward × theme table as a CSV file for Excel: a row per ward, then the network's totals; hidden counts in words. */
export function wardThemeCsv(table: WardThemeTable): string {
  // Numbers as numbers (no thousands comma), so a spreadsheet can add them up.
  const text = (count: ShownCount) => (count.shown ? count.count : `fewer than ${table.threshold}`);
  const header = ['Ward code', 'Ward', 'Local authority code', 'Local authority', 'Conversations', ...table.themes.map((theme) => theme.name)];
  const rows = table.wards.map(({ ward, conversations, themes }) => [
    ward.code,
    ward.name,
    ward.localAuthorityCode,
    ward.localAuthorityName,
    text(conversations),
    ...themes.map(text)
  ]);
  const totals = ['', 'All wards', '', '', text(table.totals.conversations), ...table.totals.themes.map(text)];
  return UTF8_BOM + csvRecords([header, ...rows, totals]);
}
