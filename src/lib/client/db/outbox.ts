import type { Change } from '$lib/domain/protocol';
import type { DeviceDatabase } from './database';

/**
 * The outbox: changes waiting to be pushed, and beside it, per conversation, how many of its
 * changes wait. The tally keeps "how many conversations are waiting" a single count however many
 * changes there are; both are written in the same transactions.
 */

/** Entries grouped by key (Map.groupBy, which Node 20 lacks). */
export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const conversationOf = (change: Change) => (change.op === 'create' ? change.conversation.id : change.conversationId);

/** Queues a change; call inside a transaction that includes `outbox` and `unsynced`. */
export async function queueChange(db: DeviceDatabase, change: Change, at: string): Promise<void> {
  const conversationId = conversationOf(change);
  await db.outbox.add({ changeId: change.changeId, conversationId, queuedAt: at, change });
  const tally = await db.unsynced.get(conversationId);
  await db.unsynced.put({ conversationId, changes: (tally?.changes ?? 0) + 1 });
}

/** Takes changes out of the outbox and settles each conversation's tally; inside a transaction. */
async function takeOut(db: DeviceDatabase, changeIds: string[]) {
  const entries = (await db.outbox.bulkGet(changeIds)).filter((entry) => entry !== undefined);
  await db.outbox.bulkDelete(entries.map((entry) => entry.changeId));
  const conversationIds = [...new Set(entries.map((entry) => entry.conversationId))];
  const left = groupBy(await db.outbox.where('conversationId').anyOf(conversationIds).toArray(), (entry) => entry.conversationId);
  await db.unsynced.bulkDelete(conversationIds.filter((id) => !left.has(id)));
  await db.unsynced.bulkPut([...left].map(([conversationId, waiting]) => ({ conversationId, changes: waiting.length })));
  return entries;
}

/** Drops exactly these changes, acknowledged by the server (SYNC-SPEC S3). */
export async function dropAcknowledged(db: DeviceDatabase, changeIds: string[]): Promise<void> {
  await db.transaction('rw', db.outbox, db.unsynced, () => takeOut(db, changeIds));
}

/**
 * Moves changes the server refused as invalid out of the outbox, with its reason, so the rest can
 * sync; the worker sees them and can fix or export them. Nothing is deleted.
 */
export async function setAside(db: DeviceDatabase, rejected: { changeId: string; message: string }[]): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction('rw', db.outbox, db.unsynced, db.rejected, async () => {
    const reasons = new Map(rejected.map((r) => [r.changeId, r.message]));
    const entries = await takeOut(db, [...reasons.keys()]);
    await db.rejected.bulkPut(entries.map((entry) => ({ ...entry, message: reasons.get(entry.changeId)!, rejectedAt: at })));
  });
}

/** Conversations with changes the server has not yet acknowledged. */
export function countUnsyncedConversations(db: DeviceDatabase): Promise<number> {
  return db.unsynced.count();
}

export async function unsyncedConversationIds(db: DeviceDatabase): Promise<Set<string>> {
  return new Set(await db.unsynced.toCollection().primaryKeys());
}

/**
 * Sends a conversation again after the worker fixed what the server refused: the refused changes
 * are replaced by one change carrying the conversation as it is now on the device.
 */
export async function resendRejected(db: DeviceDatabase, conversationId: string, makeChangeId: () => string): Promise<void> {
  await db.transaction('rw', [db.conversations, db.outbox, db.unsynced, db.rejected], async () => {
    const refused = await db.rejected.where('conversationId').equals(conversationId).toArray();
    if (refused.length === 0) return;
    const current = await db.conversations.get(conversationId);
    const at = new Date().toISOString();
    if (current) {
      const { savedAt: _, revision, ...conversation } = current;
      const { id: __, recordedAt: ___, ...fields } = conversation;
      const wasCreate = refused.some((entry) => entry.change.op === 'create');
      await queueChange(
        db,
        wasCreate
          ? { op: 'create', changeId: makeChangeId(), conversation }
          : { op: 'update', changeId: makeChangeId(), conversationId, baseRevision: revision, fields },
        at
      );
    } else {
      await queueChange(db, { op: 'delete', changeId: makeChangeId(), conversationId }, at);
    }
    await db.rejected.bulkDelete(refused.map((entry) => entry.changeId));
  });
}
