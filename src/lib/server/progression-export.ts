import { ukIsoDay } from '$lib/domain/uk-time';
import { progressionCsv } from '$lib/export/progression-csv';
import { apiError } from './api-error';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import type { Store } from './store';

/**
 * GET /api/export/progression: the network's self-assessments as CSV, `which=all` (the history,
 * the default) or `which=current`, and `format=excel` for a byte order mark. A network's
 * assessments are a few hundred rows at most (organisations × themes × assessments), so the
 * file is built whole, not streamed. Audited (what, which, how many rows) before it goes out.
 */
export async function progressionDownload(store: Store, caller: PersonCaller, params: URLSearchParams, now = new Date()): Promise<Response> {
  const which = params.get('which') ?? 'all';
  if (which !== 'all' && which !== 'current') return apiError(400, 'invalid', 'which: Choose all or current');
  const format = params.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'excel') return apiError(400, 'invalid', 'format: Choose csv or excel');
  const rows = await store.progression.assessments(caller.network.id, { currentOnly: which === 'current' });
  await audit(store, caller, 'export', 'Progression self-assessments (CSV)', { export: 'progression', which, format, rows: rows.length });
  return new Response(progressionCsv(rows, format === 'excel'), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="progression-${which === 'current' ? 'current' : 'history'}-${ukIsoDay(now)}.csv"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff'
    }
  });
}
