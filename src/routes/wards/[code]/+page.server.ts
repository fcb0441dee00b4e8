import { error } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { chooseQuoteForReports } from '$lib/server/report-quotes';
import { wardPageView } from '$lib/server/ward-views';
import { wardResponses } from '$lib/server/responses';
import type { Actions, PageServerLoad } from './$types';

// Anchor staff's page (PAGE_ACCESS: people of every role): aggregates and consented quotes only.

export const load: PageServerLoad = async ({ locals, params }) => {
  const { network, person } = pagePerson(locals);
  const view = await wardPageView(locals.store, network.id, params.code, { quoteKeys: person.role === 'coordinator' });
  if (!view) error(404, 'This network has no ward with that code. Choose a ward from the list of wards.');
  const responses = await wardResponses(locals.store, pagePerson(locals), view.ward.code);
  return { ...view, mayChooseQuotes: person.role === 'coordinator', responses };
};

export const actions: Actions = {
  // Coordinators only (checked inside): a quote chosen for printed reports, or no longer.
  chooseQuote: async ({ locals, params, request }) => chooseQuoteForReports(locals.store, pagePerson(locals), params.code, request)
};
