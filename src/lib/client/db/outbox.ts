import type { Change } from '$lib/domain/protocol';
import type { DeviceDatabase } from './database';

/**
 * The outbox: changes waiting to be pushed, and beside it, per conversation, how many of its
 * changes wait. The tally keeps "how many conversations are waiting" a single count however many
 * changes there are; both are written in the same transactions.
 */

const conversationOf = (change: Change) => (change.op === 'create' ? change.conversation.id : change.conversationId);

/** Queues a change; call inside a transaction that includes `outbox` and `unsynced`. */
export async function queueChange(db: DeviceDatabase, change: Change, at: string): Promise<void> {
  const conversationId = conversationOf(change);
  await db.outbox.add({ changeId: change.changeId, conversationId, queuedAt: at, change });
  const tally = await db.unsynced.get(conversationId);
  await db.unsynced.put({ conversationId, changes: (tally?.changes ?? 0) + 1 });
}

/** Drops exactly these changes, acknowledged by the server, and settles each conversation's tally. */
export async function dropAcknowledged(db: DeviceDatabase, changeIds: string[]): Promise<void> {
  await db.transaction('rw', db.outbox, db.unsynced, async () => {
    const entries = (await db.outbox.bulkGet(changeIds)).filter((entry) => entry !== undefined);
    await db.outbox.bulkDelete(entries.map((entry) => entry.changeId));
    for (const conversationId of new Set(entries.map((entry) => entry.conversationId))) {
      const left = await db.outbox.where('conversationId').equals(conversationId).count();
      if (left === 0) await db.unsynced.delete(conversationId);
      else await db.unsynced.put({ conversationId, changes: left });
    }
  });
}

/** Conversations with changes the server has not yet acknowledged. */
export function countUnsyncedConversations(db: DeviceDatabase): Promise<number> {
  return db.unsynced.count();
}

export async function unsyncedConversationIds(db: DeviceDatabase): Promise<Set<string>> {
  return new Set(await db.unsynced.toCollection().primaryKeys());
}
