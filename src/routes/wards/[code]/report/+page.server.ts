import { error } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { auditReportPage } from '$lib/server/report-download';
import { wardReport } from '$lib/server/report-views';
import type { PageServerLoad } from './$types';

// Coordinators and anchor staff (PAGE_ACCESS: EXPORTERS): a ward's report to print, audited.

export const load: PageServerLoad = async ({ locals, params, url, request }) => {
  const caller = pagePerson(locals);
  const answer = await wardReport(locals.store, caller.network, params.code, url.searchParams);
  if (!answer.ok) error(answer.status, answer.message);
  await auditReportPage(locals.store, caller, answer.view, request);
  return answer.view;
};
