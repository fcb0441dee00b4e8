import { RESPONDERS } from '$lib/domain/access';
import { ukIsoDay } from '$lib/domain/uk-time';
import { exportFiltersToSearchParams, parseExportFilters } from '$lib/domain/ward-map';
import { conversationCells, conversationHeader } from '$lib/export/conversations-csv';
import { PROGRESSION_HEADER, progressionCells } from '$lib/export/progression-csv';
import { RESPONSE_HEADER, responseCells } from '$lib/export/responses-records';
import { themeMonthRecords } from '$lib/export/theme-month-table';
import { wardThemeRecords, wardThemeTable } from '$lib/export/ward-theme-table';
import { widthFor, xlsxStream, type XlsxSheet } from '$lib/export/xlsx';
import { apiError } from './api-error';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import { EXPORT_ROWS_HEADER } from './export-response';
import { exportedResponses } from './responses-export';
import type { Store } from './store';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Each column's width in characters, from how long its values usually are. */
const CONVERSATION_WIDTHS: Record<string, number> = { 'Ward code': 11, Ward: 24, 'Local authority': 18, Date: 11, 'Recorded at (UTC)': 21, Event: 28, Organisation: 28, Themes: 36, People: 8 };
const RESPONSE_WIDTHS = [28, 24, 30, 60, 11, 12, 40, 24, 14, 20, 60];
const PROGRESSION_WIDTHS = [28, 24, 8, 20, 8, 11, 60, 24, 21];

async function* rowsOf<Row, Cell>(pages: AsyncIterable<Row[]>, cells: (row: Row) => Cell[]) {
  for await (const page of pages) yield page.map(cells);
}

/**
 * GET /api/export/spreadsheet (issues 14 and 15): one XLSX file with a sheet per view, for the
 * Export page's filters. A coordinator's holds the Conversations sheet (the CSV export's columns,
 * streamed a page at a time from the database); everyone's holds the ward × theme and theme ×
 * month counts, small counts hidden as on screen, the responses and the progression
 * self-assessments. Audited before its first byte, as the CSV exports are; a cancelled download
 * stops the read.
 */
export async function spreadsheetExportResponse(store: Store, caller: PersonCaller, params: URLSearchParams): Promise<Response> {
  const parsed = parseExportFilters(params);
  if (!parsed.ok) return apiError(400, 'invalid', parsed.message);
  const { filters } = parsed;
  const networkId = caller.network.id;
  const coordinator = caller.person.role === 'coordinator';
  const mayReadResponses = (RESPONDERS as readonly string[]).includes(caller.person.role);

  const [reference, threshold, figures, responses, assessments] = await Promise.all([
    store.getReferenceData(),
    store.suppressionThreshold(networkId),
    store.exports.exportFigures(networkId, filters),
    mayReadResponses ? exportedResponses(store, networkId, filters) : Promise.resolve([]),
    store.progression.assessments(networkId, { currentOnly: false })
  ]);
  const themes = reference?.themes ?? [];
  const wardThemes = wardThemeRecords(wardThemeTable(figures.wards, themes, threshold));
  const themeMonths = themeMonthRecords(themes, figures.months, figures.themeMonths, threshold);
  const countWidth = (header: string) => ({ header, width: widthFor(header, 10, 24) });
  const sheets: XlsxSheet[] = [
    {
      name: 'Ward × theme',
      columns: wardThemes.header.map((header, i) => (i < 4 ? { header, width: [11, 28, 14, 20][i] } : countWidth(header))),
      pages: [wardThemes.rows]
    },
    { name: 'Themes by month', columns: themeMonths.header.map((header, i) => (i === 0 ? { header, width: 32 } : countWidth(header))), pages: [themeMonths.rows] },
    // Responses, for those who may read them (today every exporter is a responder).
    ...(mayReadResponses ? [{ name: 'Responses', columns: RESPONSE_HEADER.map((header, i) => ({ header, width: RESPONSE_WIDTHS[i] })), pages: [responses.map(responseCells)] }] : []),
    // Every self-assessment with its history, as the progression CSV has them (the filters are about conversations).
    { name: 'Progression', columns: PROGRESSION_HEADER.map((header, i) => ({ header, width: PROGRESSION_WIDTHS[i] })), pages: [assessments.map(progressionCells)] }
  ];

  const opened = coordinator ? await store.exports.openConversationExport(networkId, filters) : null;
  if (opened) {
    const header = conversationHeader(opened.head);
    sheets.unshift({
      name: 'Conversations',
      columns: header.map((h) => ({ header: h, width: CONVERSATION_WIDTHS[h] ?? widthFor(h, 50) })),
      pages: rowsOf(opened.pages, (row) => conversationCells(row, opened.head))
    });
  }
  try {
    await audit(store, caller, 'export', 'Spreadsheet (XLSX)', {
      export: 'spreadsheet',
      format: 'xlsx',
      filters: exportFiltersToSearchParams(filters).toString(),
      rows: opened?.head.rows ?? 0,
      sheets: sheets.map((sheet) => sheet.name).join(', ')
    });
  } catch (error) {
    await opened?.close();
    throw error;
  }
  return new Response(xlsxStream(sheets, async () => opened?.close()), {
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': `attachment; filename="anchor-listening-${ukIsoDay(new Date())}.xlsx"`,
      // no-transform: the compression hook would read the whole body into memory first.
      'cache-control': 'no-store, no-transform',
      ...(opened && { [EXPORT_ROWS_HEADER]: String(opened.head.rows) }),
      'x-content-type-options': 'nosniff'
    }
  });
}
