import { fail } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { eraseAtRequest, requestedConversation, withdrawEqualityAtRequest } from '$lib/server/manage/resident-requests';
import type { Actions, PageServerLoad } from './$types';

// Coordinators only (PAGE_ACCESS): a resident's conversation in full, and what they asked for.

export const load: PageServerLoad = async ({ locals, params }) => requestedConversation(locals.store, pagePerson(locals), params.id);

export const actions: Actions = {
  erase: async ({ locals, params }) => {
    const { record } = await requestedConversation(locals.store, pagePerson(locals), params.id);
    if (!(await eraseAtRequest(locals.store, pagePerson(locals), record.conversation.id))) {
      return fail(409, { action: 'erase' as const, message: 'This conversation had already been erased.' });
    }
    return { action: 'erase' as const };
  },
  withdrawEquality: async ({ locals, params }) => {
    const { record } = await requestedConversation(locals.store, pagePerson(locals), params.id);
    if (!(await withdrawEqualityAtRequest(locals.store, pagePerson(locals), record.conversation.id))) {
      return fail(409, { action: 'withdrawEquality' as const, message: 'This conversation has been erased, so there is nothing to withdraw.' });
    }
    return { action: 'withdrawEquality' as const };
  }
};
