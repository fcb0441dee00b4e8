import { error, fail } from '@sveltejs/kit';
import { parseRecordsPosition } from '$lib/domain/conversation-record';
import { pagePerson } from '$lib/server/auth/guard';
import { readForm } from '$lib/server/form-data';
import { recordsView } from '$lib/server/manage/conversation-records';
import { markFollowUpDone } from '$lib/server/manage/follow-up-done';
import { idFrom } from '$lib/server/manage/ids';
import type { Actions, PageServerLoad } from './$types';

// Coordinators (every conversation) and leads (their organisation's), as PAGE_ACCESS says; what
// each may read of a conversation is decided by redactConversation, inside the store's query.

export const load: PageServerLoad = async ({ locals, url }) => {
  const older = url.searchParams.get('older');
  const before = older === null ? null : parseRecordsPosition(older);
  if (older !== null && !before) error(400, 'That link to older conversations is not complete. Start again from the newest conversations.');
  const code = url.searchParams.get('code');
  return recordsView(locals.store, pagePerson(locals), before, code === null || code.trim() === '' ? null : code);
};

export const actions: Actions = {
  /** Deletes a resident's contact details at once (issue 13); the page asked for confirmation first. */
  followUpDone: async ({ request, locals }) => {
    const caller = pagePerson(locals);
    const conversationId = idFrom((await readForm(request)).get('conversationId'));
    const marked = await markFollowUpDone(locals.store, caller, conversationId);
    if (!marked.ok) return fail(400, { errors: marked.errors });
    return { saved: marked.value, conversationId };
  }
};
