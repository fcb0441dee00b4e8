import { csvRecords, UTF8_BOM } from './csv';
import { wardThemeRecords, type WardThemeTable } from './ward-theme-table';

/** The ward × theme table as a CSV file for Excel: a row per ward, then the network's totals; hidden counts in words. */
export function wardThemeCsv(table: WardThemeTable): string {
  const { header, rows } = wardThemeRecords(table);
  return UTF8_BOM + csvRecords([header, ...rows]);
}
