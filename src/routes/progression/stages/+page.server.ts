import { error } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { saveMeaningsAction, saveStagesAction } from '$lib/server/progression';
import type { Actions, PageServerLoad } from './$types';

// Coordinators only (PAGE_ACCESS COORDINATOR): the network's stages and what each means per theme.

export const load: PageServerLoad = async ({ locals }) => {
  const caller = pagePerson(locals);
  const reference = await locals.store.getReferenceData();
  if (!reference) error(409, 'The network has not been set up yet.');
  const [stages, meanings] = await Promise.all([
    locals.store.progression.stages(caller.network.id),
    locals.store.progression.themeStageDescriptions(caller.network.id)
  ]);
  return { stages, themes: reference.themes.map((t) => ({ id: t.id, name: t.name, meanings: meanings[t.id] ?? {} })) };
};

export const actions: Actions = {
  stages: async ({ locals, request }) => saveStagesAction(locals.store, pagePerson(locals), request),
  meanings: async ({ locals, request }) => saveMeaningsAction(locals.store, pagePerson(locals), request)
};
