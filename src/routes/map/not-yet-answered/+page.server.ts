import { pagePerson } from '$lib/server/auth/guard';
import { notYetAnswered } from '$lib/server/not-yet-answered';
import { mayRespond } from '$lib/server/responses';
import type { PageServerLoad } from './$types';

// People of every role, as the map (PAGE_ACCESS): aggregates only.

export const load: PageServerLoad = async ({ locals, url }) => {
  const caller = pagePerson(locals);
  const view = await notYetAnswered(locals.store, caller.network.id, url.searchParams);
  return { ...view, mayRespond: caller.person.role !== 'lead' && mayRespond(caller) };
};
