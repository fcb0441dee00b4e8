import { pagePerson } from '$lib/server/auth/guard';
import { createResponseAction, responseFormChoices } from '$lib/server/responses';
import { newResponseValues } from '../form-values';
import type { Actions, PageServerLoad } from './$types';

// Coordinators and anchor staff (PAGE_ACCESS RESPONDERS): respond to what residents said.

export const load: PageServerLoad = async ({ locals, url }) => {
  const caller = pagePerson(locals);
  const wardCodes = url.searchParams.getAll('ward').slice(0, 50);
  const choices = await responseFormChoices(locals.store, caller, wardCodes);
  const known = wardCodes.filter((code) => choices.wards.some((w) => w.code === code));
  const themeId = url.searchParams.get('theme') ?? '';
  const organisationId = caller.person.role === 'coordinator' ? '' : (caller.person.organisationId ?? '');
  return { ...choices, values: newResponseValues(organisationId, choices.themes.some((t) => t.id === themeId) ? themeId : '', known) };
};

export const actions: Actions = {
  default: async ({ locals, request }) => createResponseAction(locals.store, pagePerson(locals), request)
};
