import { ukIsoDay } from '$lib/domain/uk-time';
import type { AnchorResponse } from '$lib/domain/response';
import { exportFiltersToSearchParams, parseExportFilters, type ExportFilters } from '$lib/domain/ward-map';
import { csvStream } from '$lib/export/csv';
import { RESPONSE_HEADER, responseCells } from '$lib/export/responses-records';
import { apiError } from './api-error';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import { EXPORT_ROWS_HEADER } from './export-response';
import type { Store } from './store';

/** The network's responses an export holds (issue 15): all of them, or the chosen theme's. */
export const exportedResponses = (store: Store, networkId: string, filters: ExportFilters): Promise<AnchorResponse[]> =>
  store.responses.listResponses(networkId, filters.themeId ? { themeId: filters.themeId } : {});

/**
 * GET /api/export/responses (issue 15): the network's responses as CSV, one row per response
 * (the chosen theme's only, when the filters name one), `format=excel` with a byte order mark.
 * Audited as every export. A network has hundreds of responses at most, so they are read at once.
 */
export async function responsesCsvResponse(store: Store, caller: PersonCaller, params: URLSearchParams): Promise<Response> {
  const parsed = parseExportFilters(params);
  if (!parsed.ok) return apiError(400, 'invalid', parsed.message);
  const format = params.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'excel') return apiError(400, 'invalid', 'format: Choose csv or excel');
  const responses = await exportedResponses(store, caller.network.id, parsed.filters);
  await audit(store, caller, 'export', 'Responses (CSV)', {
    export: 'responses',
    format,
    filters: exportFiltersToSearchParams(parsed.filters).toString(),
    rows: responses.length
  });
  const pages = (async function* () {
    if (responses.length > 0) yield responses;
  })();
  return new Response(csvStream({ header: RESPONSE_HEADER, pages, cells: responseCells, close: async () => {}, bom: format === 'excel' }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="responses-${ukIsoDay(new Date())}.csv"`,
      'cache-control': 'no-store, no-transform',
      [EXPORT_ROWS_HEADER]: String(responses.length),
      'x-content-type-options': 'nosniff'
    }
  });
}
