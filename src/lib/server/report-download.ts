import type { ReportView } from '$lib/domain/ward-report';
import { mapFiltersToSearchParams, type MapFilters } from '$lib/domain/ward-map';
import { apiError } from './api-error';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import { pdfAvailable, RENDER_HEADER, RENDER_TOKEN, renderReportPdf, RendererBusyError } from './report-pdf';
import type { ReportAnswer } from './report-views';
import type { Store } from './store';

/** A report's filters as the audit log keeps them (ids and dates, never contents). */
function filterDetails(view: ReportView): Record<string, string> {
  return Object.fromEntries(mapFiltersToSearchParams(view.filters as MapFilters));
}

const subjectOf = (view: ReportView, form: string) => `${view.ward ? `Ward report: ${view.ward.name}` : 'Network report'} (${form})`;

/**
 * Opening a report page is an export (it is there to be printed), so it is audited, unless the
 * request is this process's own PDF renderer opening it (the PDF download is audited itself).
 */
export async function auditReportPage(store: Store, caller: PersonCaller, view: ReportView, request: Request): Promise<void> {
  if (request.headers.get(RENDER_HEADER) === RENDER_TOKEN) return;
  await audit(store, caller, 'export', subjectOf(view, 'page to print'), { ...filterDetails(view), ...(view.ward ? { ward: view.ward.code } : {}) });
}

const fileName = (view: ReportView, day: string) =>
  `${view.ward ? `ward-report-${view.ward.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` : 'network-report'}-${day}.pdf`;

/**
 * GET /api/reports/…/pdf: the report page (`pageUrl` of the checked report, with the same query
 * string) as an A4 PDF, made by the server's Chromium as the caller sees it. The report is checked
 * first, so bad filters are a 400 and an unknown ward a 404, in words, before any browser starts
 * (and before the page's address is made from what the request said).
 */
export async function reportPdfResponse(
  store: Store,
  caller: PersonCaller,
  answer: ReportAnswer,
  pageUrl: (view: ReportView) => URL,
  sessionToken: string | undefined,
  now = new Date()
): Promise<Response> {
  if (!answer.ok) return apiError(answer.status, 'invalid', answer.message);
  if (!pdfAvailable()) {
    return apiError(503, 'server', 'This server cannot make PDFs. Open the report and choose Print, then Save as PDF.');
  }
  if (!sessionToken) return apiError(401, 'unauthorised', 'Sign in first.');
  let pdf: Uint8Array;
  try {
    pdf = await renderReportPdf(pageUrl(answer.view), sessionToken);
  } catch (error) {
    if (error instanceof RendererBusyError) return apiError(503, 'server', error.message, { 'retry-after': '30' });
    throw error;
  }
  await audit(store, caller, 'export', subjectOf(answer.view, 'PDF'), { ...filterDetails(answer.view), ...(answer.view.ward ? { ward: answer.view.ward.code } : {}) });
  return new Response(pdf as BodyInit, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${fileName(answer.view, now.toISOString().slice(0, 10))}"`,
      'cache-control': 'private, no-store'
    }
  });
}
