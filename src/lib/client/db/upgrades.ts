import type { Transaction } from 'dexie';
import type { Answer } from '$lib/domain/conversation';
import { DEFAULT_PROMPTS } from '$lib/domain/prompt';

/** A conversation as version 1 of the app kept it: two fixed answers, nothing else optional. */
interface ConversationV1 {
  loves: string;
  wouldChange: string;
  [field: string]: unknown;
}

/** Version 1's two answers become answers to the default prompts, which carry the same ids. */
function toVersion2<T extends ConversationV1>(v1: T) {
  const { loves, wouldChange, ...rest } = v1;
  const answers: Answer[] = [loves, wouldChange]
    .map((text, i) => ({ promptId: DEFAULT_PROMPTS[i].id, prompt: DEFAULT_PROMPTS[i].text, text }))
    .filter((answer) => answer.text !== '');
  return { ...rest, eventId: null, answers, peopleCount: 1, equality: {}, followUp: { wanted: false } };
}

/**
 * Version 2: prompts, events, groups, equality monitoring and follow-up. Conversations and the
 * changes still waiting in the outbox are rewritten in place, so nothing recorded is lost.
 */
export async function upgradeToVersion2(tx: Transaction): Promise<void> {
  await tx
    .table('conversations')
    .toCollection()
    .modify((conversation: Record<string, unknown>) => {
      Object.assign(conversation, toVersion2(conversation as ConversationV1), { revision: 1 });
      delete conversation.loves;
      delete conversation.wouldChange;
    });
  await tx
    .table('outbox')
    .toCollection()
    .modify((entry: { conversationId?: string; change: { conversation: ConversationV1 & { id: string } } }) => {
      entry.change.conversation = toVersion2(entry.change.conversation) as never;
      entry.conversationId = entry.change.conversation.id;
    });
  // Version 1 queued one create per conversation, so no conversation has repeat changes.
}
