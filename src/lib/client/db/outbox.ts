import { isWithheld, SealableConversation, type SealableConversationFields } from '$lib/domain/conversation';
import type { PushedChange } from '$lib/domain/protocol';
import type { DeviceDatabase, OutboxEntry } from './database';

/**
 * The outbox: changes waiting to be pushed, and beside it the conversations with more than one
 * change waiting. "How many conversations wait" is then outbox entries minus repeats: two reads
 * however long the outbox, and acknowledging a batch of creates touches only the outbox.
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

const conversationOf = (change: PushedChange) => (change.op === 'create' ? change.conversation.id : change.conversationId);

/** Queues a change; call inside a transaction that includes `outbox` and `repeatChanges`. */
export async function queueChange(db: DeviceDatabase, change: PushedChange, at: string): Promise<void> {
  const conversationId = conversationOf(change);
  const alreadyWaiting = await db.outbox.where('conversationId').equals(conversationId).count();
  await db.outbox.add({ changeId: change.changeId, conversationId, queuedAt: at, change });
  if (alreadyWaiting > 0) await db.repeatChanges.put({ conversationId, extra: alreadyWaiting });
}

/**
 * Takes these entries out of the outbox and settles the repeats; inside a transaction. Entries
 * that are a run of the outbox's oldest go in one range delete.
 */
async function takeOut(db: DeviceDatabase, entries: OutboxEntry[]) {
  if (entries.length === 0) return;
  const ids = entries.map((entry) => entry.changeId).sort();
  const run = await db.outbox.where(':id').between(ids[0], ids.at(-1)!, true, true).count();
  if (run === ids.length) await db.outbox.where(':id').between(ids[0], ids.at(-1)!, true, true).delete();
  else await db.outbox.bulkDelete(ids);
  const taken = new Map<string, number>();
  for (const entry of entries) taken.set(entry.conversationId, (taken.get(entry.conversationId) ?? 0) + 1);
  // Few conversations have repeats (edits before a sync), so read them all rather than look each up.
  for (const repeat of await db.repeatChanges.toArray()) {
    const gone = taken.get(repeat.conversationId);
    if (!gone) continue;
    if (repeat.extra - gone > 0) await db.repeatChanges.put({ ...repeat, extra: repeat.extra - gone });
    else await db.repeatChanges.delete(repeat.conversationId);
  }
}

/** Drops exactly these changes, acknowledged by the server (SYNC-SPEC S3). */
export async function dropAcknowledged(db: DeviceDatabase, entries: OutboxEntry[]): Promise<void> {
  await db.transaction('rw', db.outbox, db.repeatChanges, () => takeOut(db, entries));
}

/**
 * Moves changes the server refused as invalid out of the outbox, with its reason, so the rest can
 * sync; the worker sees them and can fix or export them. Nothing is deleted.
 */
export async function setAside(db: DeviceDatabase, rejected: { changeId: string; message: string }[]): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction('rw', db.outbox, db.repeatChanges, db.rejected, async () => {
    const reasons = new Map(rejected.map((r) => [r.changeId, r.message]));
    const entries = (await db.outbox.bulkGet([...reasons.keys()])).filter((entry) => entry !== undefined);
    await takeOut(db, entries);
    await db.rejected.bulkPut(entries.map((entry) => ({ ...entry, message: reasons.get(entry.changeId)!, rejectedAt: at })));
  });
}

/** Conversations with changes the server has not yet acknowledged. */
export async function countUnsyncedConversations(db: DeviceDatabase): Promise<number> {
  const [entries, repeats] = await Promise.all([db.outbox.count(), db.repeatChanges.toArray()]);
  return entries - repeats.reduce((sum, repeat) => sum + repeat.extra, 0);
}

/** Their ids; reads the whole outbox's index, so only for pages that list conversations. */
export async function unsyncedConversationIds(db: DeviceDatabase): Promise<Set<string>> {
  return new Set((await db.outbox.orderBy('conversationId').uniqueKeys()) as string[]);
}

/**
 * Sends a conversation again after the worker fixed what the server refused: the refused changes
 * are replaced by one change carrying the conversation as it is now on the device.
 */
export async function resendRejected(db: DeviceDatabase, conversationId: string, workerId: string, makeChangeId: () => string): Promise<void> {
  await db.transaction('rw', [db.conversations, db.outbox, db.repeatChanges, db.rejected], async () => {
    const refused = await db.rejected.where('conversationId').equals(conversationId).toArray();
    if (refused.length === 0) return;
    const current = await db.conversations.get(conversationId);
    const at = new Date().toISOString();
    if (current) {
      const { savedAt: _, revision, workerId: __, ...conversation } = current;
      const { id: ___, recordedAt: ____, ...shared } = conversation;
      // What the server keeps and withholds from the tablet is not sent back.
      const fields = Object.fromEntries(Object.entries(shared).filter(([, value]) => !isWithheld(value))) as Partial<SealableConversationFields>;
      const wasCreate = refused.some((entry) => entry.change.op === 'create');
      await queueChange(
        db,
        wasCreate
          ? { op: 'create', changeId: makeChangeId(), workerId, conversation: SealableConversation.parse(conversation) }
          : { op: 'update', changeId: makeChangeId(), workerId, conversationId, baseRevision: revision, fields },
        at
      );
    } else {
      await queueChange(db, { op: 'delete', changeId: makeChangeId(), workerId, conversationId }, at);
    }
    await db.rejected.bulkDelete(refused.map((entry) => entry.changeId));
  });
}
