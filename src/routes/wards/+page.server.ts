import { redirect } from '@sveltejs/kit';
import { wardsTableView } from '$lib/server/ward-views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const reference = await locals.store.getReferenceData();
  if (!reference) redirect(303, '/setup');
  return wardsTableView(locals.store, reference.network.id, reference.themes);
};
