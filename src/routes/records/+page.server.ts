import { error } from '@sveltejs/kit';
import { parseRecordsPosition } from '$lib/domain/conversation-record';
import { pagePerson } from '$lib/server/auth/guard';
import { recordsView } from '$lib/server/manage/conversation-records';
import type { PageServerLoad } from './$types';

// Coordinators (every conversation) and leads (their organisation's), as PAGE_ACCESS says; what
// each may read of a conversation is decided by redactConversation, inside the store's query.

export const load: PageServerLoad = async ({ locals, url }) => {
  const older = url.searchParams.get('older');
  const before = older === null ? null : parseRecordsPosition(older);
  if (older !== null && !before) error(400, 'That link to older conversations is not complete. Start again from the newest conversations.');
  const code = url.searchParams.get('code');
  return recordsView(locals.store, pagePerson(locals), before, code === null || code.trim() === '' ? null : code);
};
