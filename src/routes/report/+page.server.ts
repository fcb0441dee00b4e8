import { error } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { auditReportPage } from '$lib/server/report-download';
import { networkReport } from '$lib/server/report-views';
import { progressionView } from '$lib/server/progression-view';
import type { PageServerLoad } from './$types';

// Coordinators and anchor staff (PAGE_ACCESS: EXPORTERS): the network's report to print, audited.

export const load: PageServerLoad = async ({ locals, url, request }) => {
  const caller = pagePerson(locals);
  const answer = await networkReport(locals.store, caller.network, url.searchParams);
  if (!answer.ok) error(answer.status, answer.message);
  await auditReportPage(locals.store, caller, answer.view, request);
  return { ...answer.view, progression: await progressionView(locals.store, caller.network.id, url.searchParams.get('deprived')) };
};
