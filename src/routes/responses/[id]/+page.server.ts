import { error } from '@sveltejs/kit';
import { isId } from '$lib/domain/id';
import { pagePerson } from '$lib/server/auth/guard';
import { addNoteAction, responseFormChoices, updateResponseAction, withEditRight } from '$lib/server/responses';
import { responseValues } from '../form-values';
import type { Actions, PageServerLoad } from './$types';

// Coordinators and anchor staff (PAGE_ACCESS RESPONDERS); only a coordinator or staff of the
// response's organisation may change it (checked in each action).

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const caller = pagePerson(locals);
  const response = isId(params.id) ? await locals.store.responses.getResponse(caller.network.id, params.id) : null;
  if (!response) error(404, 'There is no such response. Go back to the list of responses.');
  const choices = await responseFormChoices(locals.store, caller, response.wards.map((w) => w.code));
  const organisations = caller.person.role === 'coordinator' ? choices.organisations : [{ id: response.organisationId, name: response.organisationName }];
  return { ...choices, organisations, response: withEditRight(caller, response), values: responseValues(response), made: url.searchParams.has('made') };
};

export const actions: Actions = {
  edit: async ({ locals, params, request }) => updateResponseAction(locals.store, pagePerson(locals), params.id, request),
  note: async ({ locals, params, request }) => addNoteAction(locals.store, pagePerson(locals), params.id, request)
};
