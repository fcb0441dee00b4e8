import { mapFiltersToSearchParams } from '$lib/domain/ward-map';
import { pagePerson } from '$lib/server/auth/guard';
import { notYetAnswered } from '$lib/server/not-yet-answered';
import { mayRespond } from '$lib/server/responses';
import type { PageServerLoad } from './$types';

// People of every role, as the map (PAGE_ACCESS): aggregates only.

export const load: PageServerLoad = async ({ locals, url }) => {
  const caller = pagePerson(locals);
  const view = await notYetAnswered(locals.store, caller.network.id, url.searchParams);
  // The map's filters, carried through the form's Theme and share choices and back to the map.
  const filterParams = [...mapFiltersToSearchParams({ ...view.filters, themeId: '' })].filter(([name]) => name !== 'theme');
  return { ...view, filterParams, mayRespond: caller.person.role !== 'lead' && mayRespond(caller) };
};
