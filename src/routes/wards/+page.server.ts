import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const reference = await locals.store.getReferenceData();
  if (!reference) redirect(303, '/setup');
  return {
    themes: reference.themes,
    wards: await locals.store.wardThemeCounts(reference.network.id)
  };
};
