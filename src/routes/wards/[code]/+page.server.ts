import { error, redirect } from '@sveltejs/kit';
import { wardPageView } from '$lib/server/ward-views';
import type { PageServerLoad } from './$types';

// Anchor staff's page: aggregates and consented quotes only. When roles arrive, check the role here.

export const load: PageServerLoad = async ({ locals, params }) => {
  const network = await locals.store.getNetwork();
  if (!network) redirect(303, '/setup');
  const view = await wardPageView(locals.store, network.id, params.code);
  if (!view) error(404, 'This network has no ward with that code. Choose a ward from the list of wards.');
  return view;
};
