import { EXPORTERS, mayOpen } from '$lib/domain/access';
import { pagePerson } from '$lib/server/auth/guard';
import { progressionView } from '$lib/server/progression-view';
import type { PageServerLoad } from './$types';

// Everyone signed in (PAGE_ACCESS PEOPLE): aggregates only, resident counts under the small-count rule.

export const load: PageServerLoad = async ({ locals, url }) => {
  const caller = pagePerson(locals);
  const view = await progressionView(locals.store, caller.network.id, url.searchParams.get('deprived'));
  const presence = { role: caller.person.role, device: false };
  const may = {
    assess: mayOpen('/progression/assess', presence),
    changeStages: mayOpen('/progression/stages', presence),
    download: (EXPORTERS as readonly string[]).includes(caller.person.role)
  };
  return { view, may };
};
