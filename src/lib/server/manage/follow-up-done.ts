import { mayMarkFollowUpDone } from '$lib/domain/contact-retention';
import type { Checked } from '$lib/domain/field-error';
import { actorOf } from '../auth/audit';
import type { PersonCaller } from '../auth/guard';
import { organisationScope } from '../auth/managed-organisation';
import { viewerOf } from '../auth/viewer';
import type { Store } from '../store';

/** Where the Conversations page shows a problem with marking a follow-up done. */
export const FOLLOW_UP_DONE_FIELD = 'records';

const problem = (message: string): Checked<never> => ({ ok: false, errors: [{ field: FOLLOW_UP_DONE_FIELD, message }] });

/**
 * Marks a conversation's follow-up done for the caller, deleting its contact details at once
 * (issue 13). `conversationId` has been checked as an id (or is null when it was not one).
 */
export async function markFollowUpDone(store: Store, caller: PersonCaller, conversationId: string | null): Promise<Checked<string>> {
  if (!mayMarkFollowUpDone(viewerOf(caller))) return problem('Only a coordinator, or a lead allowed to see contact details, can mark a follow-up done.');
  if (!conversationId) return problem('That conversation is not listed. Choose one from the list.');
  const outcome = await store.retention.markFollowUpDone(caller.network.id, conversationId, {
    actor: actorOf(caller),
    organisationId: organisationScope(caller)
  });
  switch (outcome) {
    case 'done':
      return { ok: true, value: 'Follow-up marked done. The resident’s contact details are deleted.' };
    case 'already-deleted':
      return { ok: true, value: 'The resident’s contact details were already deleted.' };
    case 'not-wanted':
      return problem('That resident did not ask to be contacted, so there is no follow-up to mark done.');
    case 'not-found':
      return problem('That conversation is not listed. Choose one from the list.');
  }
}
