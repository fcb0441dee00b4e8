import { error } from '@sveltejs/kit';
import { thankYouCards } from '$lib/server/thank-you-cards';
import type { PageServerLoad } from './$types';

// Coordinators, leads and enrolled tablets, as PAGE_ACCESS says; nothing here is about a resident
// but the code typed into the link.
export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.network) error(409, 'The network has not been set up yet.');
  return thankYouCards(locals.store, locals.network, url.origin, url.searchParams.get('code'));
};
