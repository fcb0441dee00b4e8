import { EXPORTERS } from '$lib/domain/access';
import { SESSION_COOKIE } from '$lib/server/auth/cookies';
import { guardEndpoint } from '$lib/server/auth/guard';
import { reportPdfResponse } from '$lib/server/report-download';
import { networkReport } from '$lib/server/report-views';
import type { RequestHandler } from './$types';

/** The network's report as an A4 PDF (the page /report, printed by the server's Chromium as the caller sees it). */
export const GET: RequestHandler = guardEndpoint(EXPORTERS, async ({ locals, url, cookies }, caller) => {
  const answer = await networkReport(locals.store, caller.network, url.searchParams);
  return reportPdfResponse(locals.store, caller, answer, () => new URL(`/report${url.search}`, url.origin), cookies.get(SESSION_COOKIE));
});
