import { fail, redirect } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { readForm } from '$lib/server/form-data';
import { correctAtRequest, requestedConversation } from '$lib/server/manage/resident-requests';
import type { Actions, PageServerLoad } from './$types';

// Coordinators only (PAGE_ACCESS).

export const load: PageServerLoad = async ({ locals, params }) => requestedConversation(locals.store, pagePerson(locals), params.id);

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const { record } = await requestedConversation(locals.store, pagePerson(locals), params.id);
    const saved = await correctAtRequest(locals.store, pagePerson(locals), record.conversation.id, await readForm(request));
    if (!saved.ok) return fail(400, { errors: saved.errors });
    redirect(303, `/requests/${record.conversation.id}?corrected=1`);
  }
};
