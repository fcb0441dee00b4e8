import { error } from '@sveltejs/kit';
import { pagePerson } from '$lib/server/auth/guard';
import { recordCopyGiven, requestedConversation } from '$lib/server/manage/resident-requests';
import type { PageServerLoad } from './$types';

// Coordinators only (PAGE_ACCESS). Opening the copy to print it is what the audit log records.

export const load: PageServerLoad = async ({ locals, params }) => {
  const caller = pagePerson(locals);
  const found = await requestedConversation(locals.store, caller, params.id);
  if (found.erasedAt) error(410, 'This conversation has been erased: there is nothing left to copy.');
  await recordCopyGiven(locals.store, caller, found.record.conversation.id);
  return { ...found, networkName: caller.network.name };
};
