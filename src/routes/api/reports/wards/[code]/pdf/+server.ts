import { EXPORTERS } from '$lib/domain/access';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { guardEndpoint } from '$lib/server/auth/guard';
import type { ReportView } from '$lib/domain/ward-report';
import { reportPdfResponse } from '$lib/server/report-download';
import { wardReport } from '$lib/server/report-views';
import type { RequestHandler } from './$types';

/** A ward's report as an A4 PDF (the page /wards/[code]/report, printed by the server's Chromium as the caller sees it). */
export const GET: RequestHandler = guardEndpoint(EXPORTERS, async ({ locals, params, url, cookies }, caller) => {
  const answer = await wardReport(locals.store, caller.network, params.code, url.searchParams);
  // The ward's code as the report found it, not as the request spelt it (which may not even encode).
  const pageUrl = (view: ReportView) => new URL(`/wards/${encodeURIComponent(view.ward!.code)}/report${url.search}`, url.origin);
  return reportPdfResponse(locals.store, caller, answer, pageUrl, cookies.get(SESSION_COOKIE));
});
