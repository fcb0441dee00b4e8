import { parseExportFilters, exportFiltersToSearchParams } from '$lib/domain/ward-map';
import { conversationCells, conversationHeader } from '$lib/export/conversations-csv';
import { contactCells, contactHeader } from '$lib/export/contact-details-csv';
import { csvStream, type Cell } from '$lib/export/csv';
import { apiError } from './api-error';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import type { Store } from './store';
import type { OpenExport } from './store/export-queries';
import { ukIsoDay } from '$lib/domain/uk-time';

/** The response header that states how many rows an export holds, for the page's progress bar. */
export const EXPORT_ROWS_HEADER = 'x-export-rows';

/** The exports made as CSV files, each by its own route (both coordinators only). */
export const CSV_EXPORTS = {
  conversations: { subject: 'Conversations (CSV)', file: 'conversations' },
  'contact-details': { subject: 'Contact details and equality answers (CSV)', file: 'contact-details-and-equality-answers' }
} as const;
export type CsvExportKind = keyof typeof CSV_EXPORTS;

/**
 * GET an export: the filters (the map's, `parseExportFilters`) and `format=excel` for a file
 * Excel reads as UTF-8 (a byte order mark first). A filter that cannot be used is a 400 saying
 * which and why. Every export is audited (what, which filters, how many rows, who; never what
 * is in it) before its first byte goes out; the rows are streamed from the database, a page at
 * a time, and a cancelled download stops the read.
 */
export async function csvExportResponse(store: Store, caller: PersonCaller, kind: CsvExportKind, params: URLSearchParams): Promise<Response> {
  const parsed = parseExportFilters(params);
  if (!parsed.ok) return apiError(400, 'invalid', parsed.message);
  const format = params.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'excel') return apiError(400, 'invalid', 'format: Choose csv or excel');
  const networkId = caller.network.id;

  const opened: OpenExport<unknown> =
    kind === 'conversations' ? await store.exports.openConversationExport(networkId, parsed.filters) : await store.exports.openContactExport(networkId, parsed.filters);
  let header: string[];
  let cells: (row: never) => Cell[];
  if (kind === 'conversations') {
    header = conversationHeader(opened.head);
    cells = (row) => conversationCells(row, opened.head);
  } else {
    header = contactHeader();
    cells = contactCells;
  }
  try {
    await audit(store, caller, 'export', CSV_EXPORTS[kind].subject, {
      export: kind,
      format,
      filters: exportFiltersToSearchParams(parsed.filters).toString(),
      rows: opened.head.rows
    });
  } catch (error) {
    await opened.close();
    throw error;
  }
  const filename = `${CSV_EXPORTS[kind].file}-${ukIsoDay(new Date())}.csv`;
  return new Response(csvStream({ header, pages: opened.pages as AsyncIterator<never[]>, cells, close: opened.close, bom: format === 'excel' }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      // no-transform: the compression hook would read the whole body into memory first.
      'cache-control': 'no-store, no-transform',
      [EXPORT_ROWS_HEADER]: String(opened.head.rows),
      'x-content-type-options': 'nosniff'
    }
  });
}
