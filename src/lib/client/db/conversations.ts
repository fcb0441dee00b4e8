import { uuidv7 } from 'uuidv7';
import { Conversation } from '$lib/domain/conversation';
import type { DeviceDatabase, StoredConversation } from './database';

/**
 * Saves a conversation and its outbox entry in one IndexedDB transaction. When this resolves,
 * both are committed (SYNC-SPEC S1); when it throws, neither was written.
 */
export async function saveConversation(
  db: DeviceDatabase,
  conversation: Conversation,
  now: () => Date = () => new Date()
): Promise<StoredConversation> {
  const valid = Conversation.parse(conversation);
  const stored: StoredConversation = { ...valid, savedAt: now().toISOString() };
  await db.transaction('rw', db.conversations, db.outbox, async () => {
    await db.conversations.add(stored);
    const changeId = uuidv7();
    await db.outbox.add({
      changeId,
      queuedAt: stored.savedAt,
      change: { op: 'create', changeId, conversation: valid }
    });
  });
  return stored;
}
