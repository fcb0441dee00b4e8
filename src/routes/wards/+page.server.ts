import { pagePerson } from '$lib/server/auth/guard';
import { wardsTableView } from '$lib/server/ward-views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { network } = pagePerson(locals);
  const reference = await locals.store.getReferenceData();
  return wardsTableView(locals.store, network.id, reference?.themes ?? []);
};
