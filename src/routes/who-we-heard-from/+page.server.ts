import { redirect } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { equalityTotalsQuery, equalityTotalsView } from '$lib/server/equality-totals-view';
import type { PageServerLoad } from './$types';

// Coordinators and anchor staff (PAGE_ACCESS): equality answers only as totals, small counts hidden.

export const load: PageServerLoad = async ({ locals, url }) => {
  pagePerson(locals);
  const reference = await locals.store.getReferenceData();
  if (!reference) redirect(303, '/setup');
  const query = equalityTotalsQuery(url.searchParams, reference);
  return { ...(await equalityTotalsView(locals.store, reference, query)), values: query.values, errors: query.errors };
};
