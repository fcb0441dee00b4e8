import { pagePerson } from '$lib/server/auth/guard';
import { mayRespond, withEditRight } from '$lib/server/responses';
import type { PageServerLoad } from './$types';

// Coordinators and anchor staff (PAGE_ACCESS RESPONDERS): every response of the network, public or not.

export const load: PageServerLoad = async ({ locals }) => {
  const caller = pagePerson(locals);
  const responses = await locals.store.responses.listResponses(caller.network.id);
  return { responses: responses.map((r) => withEditRight(caller, r)), mayRespond: mayRespond(caller) };
};
