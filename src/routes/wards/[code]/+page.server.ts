import { error } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { wardPageView } from '$lib/server/ward-views';
import type { PageServerLoad } from './$types';

// Anchor staff's page (PAGE_ACCESS: people of every role): aggregates and consented quotes only.

export const load: PageServerLoad = async ({ locals, params }) => {
  const { network } = pagePerson(locals);
  const view = await wardPageView(locals.store, network.id, params.code);
  if (!view) error(404, 'This network has no ward with that code. Choose a ward from the list of wards.');
  return view;
};
